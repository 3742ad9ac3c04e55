package io.sessiongrid.bench;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every benchmark runs once, briefly and in this JVM, so the harness cannot rot between benchmark runs. The
 * figures mean nothing; ops/bench/run-micro.sh makes the real ones.
 */
class BenchmarkSmokeTest {
    @Test
    void everyBenchmarkRunsAndMeasuresSomething() throws Exception {
        Options options = new OptionsBuilder()
                .include(EncryptionBenchmark.class.getSimpleName())
                .include(StoreBenchmark.class.getSimpleName())
                .param("valueBytes", "1024")
                .param("sessionBytes", "1024")
                .param("backend", "in-process", "embedded")
                .forks(0)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(200))
                .shouldFailOnError(true)
                .build();
        Collection<RunResult> results = new Runner(options).run();
        Set<String> ran = new TreeSet<>();
        for (RunResult r : results) {
            assertTrue(r.getPrimaryResult().getScore() > 0, r.getParams().getBenchmark());
            ran.add(r.getParams().getBenchmark().replaceAll(".*\\.", "") + " " + r.getParams().getParam("backend")
                    + r.getParams().getParam("mode"));
        }
        assertEquals(2 * 2 + 9 * 2, results.size(), ran.toString());
    }
}
