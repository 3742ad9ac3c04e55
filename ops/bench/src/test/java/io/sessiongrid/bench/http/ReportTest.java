package io.sessiongrid.bench.http;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The report's arithmetic on figures given to it: a target is judged on the means of the run and on each round
 * alone, where ours and the peer ran minutes apart. No process is started.
 */
class ReportTest {
    @Test
    void aTargetIsJudgedOnTheMeansAndOnEachRoundAlone(@TempDir Path dir) throws Exception {
        HttpRun.Options options = HttpRun.parse(new String[] {"--out", dir.resolve("r.md").toString(), "--work",
                dir.resolve("work").toString(), "--load", "java", "--rounds", "2", "--workloads", "read-heavy",
                "--topologies", "local,ours-embedded-sticky"});
        List<Sample> samples = new ArrayList<>();
        // Round 1: ours 9,000 against local 10,000 (0.90, met); round 2: 6,000 against 10,000 (0.60, missed).
        samples.add(sample("local", 0, 100_000, 40));
        samples.add(sample("ours-embedded-sticky", 0, 90_000, 50));
        samples.add(sample("ours-embedded-sticky", 1, 60_000, 60));
        samples.add(sample("local", 1, 100_000, 40));
        String md = new Report(options, samples).markdown();
        // Means: 7,500 against 10,000 = 0.75, missed.
        assertTrue(md.contains("- missed: 1 embedded member, STICKY, read-heavy ≥ 0.8× local: 0.75× (7,500 / 10,000"
                + " req/s); per round: 0.90× (9,000 / 10,000 req/s) met; 0.60× (6,000 / 10,000 req/s) missed (met in"
                + " 1 of 2)"), md);
        assertTrue(md.contains("2 rounds with every deployment up at once"), md);
    }

    private static Sample sample(String topology, int round, long requests, double appMicros) {
        return new Sample(Topology.named(List.of(topology)).get(0), "read-heavy", round,
                new Load.Measured(requests, 10, 0, 1, 2), Map.of("app", appMicros), 0, 0.05);
    }
}
