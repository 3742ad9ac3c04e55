package io.sessiongrid.bench.http;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The HTTP benchmark, briefly, as its script runs it: the application (the Jetty one, and the Spring Boot one over
 * the starter as a servlet and as a WebFlux application) and a grid-node as processes of their own, the load from
 * this JVM, for a second per topology and workload. Needs neither root, nor wrk, nor Redis: it checks that the
 * harness works, the figures mean nothing; every request must be answered (the load driver times out after 10 s).
 */
class HttpRunSmokeTest {
    @Test
    void everyKindOfTopologyServesBothWorkloadsAndIsReported(@TempDir Path dir) throws Exception {
        String repository = System.getProperty("repository.dir");
        Path bootTarget = Path.of(repository, "ops", "bench-boot", "target");
        assertTrue(Files.isDirectory(bootTarget), "the Spring Boot application is built first: mvn -pl ops/bench -am");
        Path bootJar;
        try (var jars = Files.newDirectoryStream(bootTarget, "bench-boot-*-exec.jar")) {
            bootJar = jars.iterator().next();
        }
        HttpRun.Options options = HttpRun.parse(new String[] {"--out", dir.resolve("http.md").toString(),
                "--work", dir.resolve("work").toString(), "--load", "java", "--sessions", "20",
                "--connections", "4", "--warmup", "0", "--jit-warmup", "0", "--seconds", "1", "--passes", "1",
                "--topologies", "local,ours-embedded-sticky,ours-client1-validated,spring-hazelcast,boot-ours-client1,"
                        + "webflux-ours-client1,ours-client1-write-through",
                "--boot-jar", bootJar.toString(),
                "--jvm-flags", Path.of(repository, "grid-node", "bin", "hazelcast-jvm-flags").toString(),
                "--heap", "256m"});
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
        Path png = Report.png(options.out());
        report.chart(png);
        assertTrue(Files.size(png) > 1_000);
    }
}
