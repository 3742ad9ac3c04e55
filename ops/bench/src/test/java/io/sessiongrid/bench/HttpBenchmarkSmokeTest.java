package io.sessiongrid.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The HTTP benchmark over every backend and workload, for a second each: the harness works and nothing fails. */
class HttpBenchmarkSmokeTest {
    @Test
    void everyBackendServesBothWorkloadsWithoutErrors(@TempDir Path dir) throws Exception {
        List<HttpBenchmark.Result> results = new HttpBenchmark(50, 4, Duration.ofMillis(300), Duration.ofSeconds(1))
                .runAll();
        assertEquals(HttpBenchmark.BACKENDS.size() * HttpBenchmark.WORKLOADS.size(), results.size());
        for (HttpBenchmark.Result r : results) {
            assertTrue(r.requests() > 0, r.toString());
            assertEquals(0, r.errors(), r.toString());
            assertTrue(r.p99Micros() >= r.p50Micros(), r.toString());
        }
        String report = HttpBenchmark.report(results, 50, 4, 0, 1, 1);
        assertTrue(report.contains("| read-heavy | local |") && report.contains("| write-heavy | thin-client-validated |")
                && report.contains("| read-heavy | spring-redis |")
                && report.contains("| write-heavy | spring-hazelcast |"),
                report);
        Path png = HttpBenchmark.png(dir.resolve("http.md"));
        HttpBenchmark.chart(results, png);
        assertTrue(png.getFileName().toString().equals("http.png") && Files.size(png) > 1_000, png.toString());
    }
}
