package io.sessiongrid.bench;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs the micro-benchmarks and writes a Markdown report: each figure beside its peer from the same run and the
 * ratio between them. {@code MicroReport [--out FILE] [--quick] [JMH include regex]}.
 */
public final class MicroReport {
    private MicroReport() {
    }

    /** Where {@code run-micro.sh} writes the report unless its caller gives another {@code --out}. */
    private static final Path SCRIPT_OUT = Path.of("docs/bench/micro.md");

    public static void main(String[] args) throws RunnerException, IOException {
        Path out = Path.of("micro-report.md");
        boolean quick = false;
        List<String> includes = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> out = Path.of(args[++i]);
                case "--quick" -> quick = true;
                default -> includes.add(args[i]);
            }
        }
        ChainedOptionsBuilder options = new OptionsBuilder();
        if (includes.isEmpty()) {
            options.include(StoreBenchmark.class.getSimpleName()).include(EncryptionBenchmark.class.getSimpleName())
                    .include(CodecBenchmark.class.getSimpleName());
        } else {
            includes.forEach(options::include);
        }
        if (quick) {
            options.warmupIterations(1).measurementIterations(2);
        }
        Collection<RunResult> results = new Runner(options.build()).run();
        List<String> shown = new ArrayList<>(includes);
        if (!out.equals(SCRIPT_OUT)) {
            shown.add("--out " + out);
        }
        String report = report(results, quick, shown);
        Files.writeString(out, report);
        System.out.println(report);
        System.out.println("written to " + out.toAbsolutePath());
    }

    /** @param arguments the caller's arguments besides {@code --quick}, repeated in the report's command */
    static String report(Collection<RunResult> results, boolean quick, List<String> arguments) {
        StringBuilder md = new StringBuilder();
        md.append("Measured ").append(LocalDate.now()).append(" on ").append(Runtime.getRuntime().availableProcessors())
                .append(" cores, ").append(System.getProperty("java.vm.name")).append(' ')
                .append(System.getProperty("java.version")).append(", JMH average time per operation, one thread")
                .append(quick ? ", quick run (1 warm-up and 2 measured iterations)" : "").append(". Lower is better.")
                .append("\n\n");
        Map<String, Map<String, double[]>> store = new LinkedHashMap<>();
        Map<String, Map<String, double[]>> crypto = new LinkedHashMap<>();
        Map<String, Map<String, double[]>> codec = new LinkedHashMap<>();
        for (RunResult r : results) {
            String method = r.getParams().getBenchmark().replaceAll(".*\\.", "");
            double[] score = {r.getPrimaryResult().getScore(), r.getPrimaryResult().getScoreError()};
            if (r.getParams().getBenchmark().contains("StoreBenchmark")) {
                store.computeIfAbsent(method + " " + r.getParams().getParam("sessionBytes"), k -> new LinkedHashMap<>())
                        .put(r.getParams().getParam("backend"), score);
            } else if (r.getParams().getBenchmark().contains("CodecBenchmark")) {
                codec.computeIfAbsent(method, k -> new LinkedHashMap<>()).put(r.getParams().getParam("codec"), score);
            } else {
                crypto.computeIfAbsent(method + " " + r.getParams().getParam("valueBytes"), k -> new LinkedHashMap<>())
                        .put(r.getParams().getParam("mode"), score);
            }
        }
        if (!store.isEmpty()) {
            md.append("| operation | session bytes | in-process (peer) µs | embedded µs | × in-process | thin client µs |"
                    + " × in-process |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
            store.forEach((key, byBackend) -> {
                String[] k = key.split(" ");
                double[] local = byBackend.get("in-process");
                md.append("| ").append(k[0]).append(" | ").append(k[1]).append(" | ").append(cell(local));
                for (String backend : List.of("embedded", "thin-client")) {
                    double[] s = byBackend.get(backend);
                    md.append(" | ").append(cell(s)).append(" | ").append(ratio(s, local));
                }
                md.append(" |\n");
            });
            md.append('\n');
        }
        if (!crypto.isEmpty()) {
            md.append("| operation | value bytes | plain (peer) µs | AES-GCM µs | × plain |\n| --- | ---: | ---: | ---: | ---: |\n");
            crypto.forEach((key, byMode) -> {
                String[] k = key.split(" ");
                md.append("| ").append(k[0]).append(" | ").append(k[1]).append(" | ").append(cell(byMode.get("plain")))
                        .append(" | ").append(cell(byMode.get("aes-gcm"))).append(" | ")
                        .append(ratio(byMode.get("aes-gcm"), byMode.get("plain"))).append(" |\n");
            });
        }
        if (!codec.isEmpty()) {
            md.append("\n| 1 KB application-class value | Hazelcast's serialization (peer) µs | ours µs | × peer |\n"
                    + "| --- | ---: | ---: | ---: |\n");
            codec.forEach((method, byCodec) -> md.append("| ").append(method).append(" | ")
                    .append(cell(byCodec.get("hazelcast"))).append(" | ").append(cell(byCodec.get("ours"))).append(" | ")
                    .append(ratio(byCodec.get("ours"), byCodec.get("hazelcast"), "%.2f")).append(" |\n"));
        }
        md.append("\nReproduce: `ops/bench/run-micro.sh").append(quick ? " --quick" : "").append(arguments.isEmpty() ? ""
                : " " + String.join(" ", arguments)).append("`\n");
        return md.toString();
    }

    private static String cell(double[] s) {
        return s == null ? "-" : String.format(Locale.ROOT, "%.2f ± %.2f", s[0], Double.isNaN(s[1]) ? 0 : s[1]);
    }

    private static String ratio(double[] s, double[] peer) {
        return ratio(s, peer, "%.1f");
    }

    private static String ratio(double[] s, double[] peer, String format) {
        return s == null || peer == null ? "-" : String.format(Locale.ROOT, format, s[0] / peer[0]);
    }
}
