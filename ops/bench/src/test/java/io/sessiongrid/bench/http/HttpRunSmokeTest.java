package io.sessiongrid.bench.http;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The HTTP benchmark, briefly, as its script runs it: the application (the Jetty one, and the Spring Boot one over
 * the starter as a servlet and as a WebFlux application) and a grid-node as processes of their own, the load from
 * this JVM, for a second per topology and workload. Needs neither root, nor wrk, nor Redis: it checks that the
 * harness works, the figures mean nothing; every request must be answered (the load driver times out after 10 s).
 * Both schedules run: passes (each deployment started, measured and stopped in turn) and rounds (every deployment
 * up at once, measured in turn).
 */
class HttpRunSmokeTest {
    private static final String REPOSITORY = System.getProperty("repository.dir");

    @Test
    void everyKindOfTopologyServesBothWorkloadsAndIsReported(@TempDir Path dir) throws Exception {
        Path bootTarget = Path.of(REPOSITORY, "ops", "bench-boot", "target");
        assertTrue(Files.isDirectory(bootTarget), "the Spring Boot application is built first: mvn -pl ops/bench -am");
        Path bootJar;
        try (var jars = Files.newDirectoryStream(bootTarget, "bench-boot-*-exec.jar")) {
            bootJar = jars.iterator().next();
        }
        HttpRun.Options options = HttpRun.parse(briefly(dir, "--passes", "1", "--topologies",
                "local,ours-embedded-sticky,ours-client1-validated,spring-hazelcast,boot-ours-client1,"
                        + "webflux-ours-client1,ours-client1-write-through", "--boot-jar", bootJar.toString()));
        List<Sample> samples = new HttpRun(options).run();
        assertEquals(14, samples.size());
        for (Sample s : samples) {
            assertTrue(s.measured().requests() > 0, s.toString());
            assertEquals(0, s.measured().errors(), s.toString());
            assertTrue(s.cpuMicrosPerRequest().get("app") > 0, s.toString());
            if (s.topology().gridNodes() > 0) {
                assertTrue(s.cpuMicrosPerRequest().get("grid") > 0 && s.gridBytesPerRequest() > 0, s.toString());
            }
            if (s.topology().postgres() && s.workload().equals("write-heavy")) {
                assertTrue(s.cpuMicrosPerRequest().get("postgres") > 0, "the database's CPU is counted: " + s);
            }
        }
        Report report = new Report(options, samples);
        String md = report.markdown();
        assertTrue(md.contains("## read-heavy") && md.contains("## write-heavy") && md.contains("| Jetty local sessions |")
                && md.contains("ours, thin client of 1 grid-node, VALIDATED") && md.contains("## Per read and per write")
                && md.contains("## Targets"), md);
        assertEquals("× local", report.barChart().valueLabel());
        Path png = Report.png(options.out());
        report.chart(png);
        assertTrue(Files.size(png) > 1_000);
    }

    @Test
    void roundsMeasureDeploymentsThatStayUpAndCompareTheBuildsPerRound(@TempDir Path dir) throws Exception {
        // The baseline build is this one here (the test's own class path): what is checked is that its row runs
        // beside this build's in the same rounds and that the two are compared in the report.
        HttpRun.Options options = HttpRun.parse(briefly(dir, "--rounds", "2", "--topologies",
                "ours-embedded-sticky,ours-embedded-sticky@baseline", "--baseline",
                System.getProperty("java.class.path")));
        Set<Long> before = children();
        List<Sample> samples = new HttpRun(options).run();
        assertEquals(8, samples.size(), "2 topologies, 2 workloads, 2 rounds");
        for (Sample s : samples) {
            assertTrue(s.measured().requests() > 0 && s.measured().errors() == 0, s.toString());
            assertTrue(s.idleCores() >= 0, "the other deployment was up and its CPU read: " + s);
        }
        assertEquals(List.of(0, 0, 0, 0, 1, 1, 1, 1), samples.stream().map(Sample::pass).toList());
        assertEquals(List.of("ours-embedded-sticky", "ours-embedded-sticky", "ours-embedded-sticky@baseline",
                "ours-embedded-sticky@baseline", "ours-embedded-sticky@baseline", "ours-embedded-sticky@baseline",
                "ours-embedded-sticky", "ours-embedded-sticky"), samples.stream().map(s -> s.topology().name())
                .toList(), "the second round runs in the reverse order");
        Report report = new Report(options, samples);
        assertEquals("req/s", report.barChart().valueLabel(), "no local sessions to divide by");
        String md = report.markdown();
        assertTrue(md.contains("2 rounds with every deployment up at once") && md.contains("the others (idle")
                && md.contains(" was measured), of the machine's"), md);
        assertTrue(md.contains("## This build against the baseline") && md.contains(
                "| ours, 1 embedded member, STICKY | read-heavy | ") && md.contains("| ours, 1 embedded member,"
                + " STICKY | write-heavy | ") && md.contains("ours, 1 embedded member, STICKY, baseline build"), md);
        assertEquals(before, children(), "every process the rounds started is stopped");
    }

    @Test
    void aBaselineRowNeedsTheBaselineBuildAndIsRefusedForSpringBoot(@TempDir Path dir) {
        IllegalArgumentException noJar = assertThrows(IllegalArgumentException.class,
                () -> HttpRun.parse(briefly(dir, "--topologies", "ours-embedded-sticky@baseline")));
        assertTrue(noJar.getMessage().contains("--baseline JAR"), noJar.getMessage());
        IllegalArgumentException boot = assertThrows(IllegalArgumentException.class,
                () -> Topology.named(List.of("boot-ours-client1@baseline")));
        assertTrue(boot.getMessage().contains("has no baseline"), boot.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> HttpRun.parse(briefly(dir, "--baseline", dir.resolve("none.jar").toString())));
        assertTrue(missing.getMessage().contains("none.jar does not exist"), missing.getMessage());
    }

    @Test
    void passesAndRoundsCannotBeAskedTogether(@TempDir Path dir) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HttpRun.parse(briefly(dir, "--passes", "2", "--rounds", "2")));
        assertTrue(e.getMessage().contains("--passes and --rounds"), e.getMessage());
    }

    @Test
    void anUnknownOrValuelessOptionIsRefusedBeforeAnythingRunsAndRunHttpShsOwnAreTaken(@TempDir Path dir) {
        IllegalArgumentException help = assertThrows(IllegalArgumentException.class,
                () -> HttpRun.parse(briefly(dir, "--help")));
        assertTrue(help.getMessage().contains("unknown option --help") && help.getMessage().contains("--topologies"),
                help.getMessage());
        IllegalArgumentException typo = assertThrows(IllegalArgumentException.class,
                () -> HttpRun.parse(briefly(dir, "--round", "3")));
        assertTrue(typo.getMessage().contains("unknown option --round"), typo.getMessage());
        Path jar = dir.resolve("baseline.jar");
        assertDoesNotThrow(() -> Files.writeString(jar, ""));
        assertTrue(assertDoesNotThrow(() -> HttpRun.parse(briefly(dir, "--baseline", jar.toString(), "--baseline-rev",
                "abc123"))).command().contains("--baseline-rev abc123"), "run-http.sh's own options are taken");
        IllegalArgumentException noValue = assertThrows(IllegalArgumentException.class,
                () -> HttpRun.parse(briefly(dir, "--rounds")));
        assertTrue(noValue.getMessage().contains("--rounds needs a value"), noValue.getMessage());
    }

    /**
     * A second per topology and workload, the load from this JVM, small heaps, the grid-node's flags plus the build's
     * flags for test JVMs; then {@code more}.
     */
    private static String[] briefly(Path dir, String... more) {
        Path flags = dir.resolve("jvm-flags");
        try {
            Files.writeString(flags, Files.readString(Path.of(REPOSITORY, "grid-node", "bin", "hazelcast-jvm-flags"))
                    .trim() + " " + System.getProperty("tests.jvm.flags", ""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> args = new ArrayList<>(List.of("--out", dir.resolve("http.md").toString(),
                "--work", dir.resolve("work").toString(), "--load", "java", "--sessions", "20",
                "--connections", "4", "--warmup", "0", "--jit-warmup", "0", "--seconds", "1",
                "--jvm-flags", flags.toString(), "--heap", "256m"));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    private static Set<Long> children() {
        return ProcessHandle.current().children().map(ProcessHandle::pid).collect(Collectors.toSet());
    }
}
