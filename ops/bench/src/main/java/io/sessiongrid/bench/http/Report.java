package io.sessiongrid.bench.http;

import io.sessiongrid.bench.BarChart;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The HTTP benchmark's report: per workload, each topology's throughput (mean of the passes, and their range), its
 * ratio to Jetty's local sessions, to hazelcast-wm and to Spring Session Data Redis measured in the same run,
 * latency, and the CPU time per request of each server process; then each target of the hot-path work checked
 * against these figures, the scaling over 1, 3 and 5 grid-nodes, and per-read and per-write costs derived from
 * the two workloads. Immutable once built.
 */
public final class Report {
    private final HttpRun.Options options;
    private final Map<String, Map<String, Figures>> byWorkload = new LinkedHashMap<>();

    Report(HttpRun.Options options, List<Sample> samples) {
        this.options = options;
        for (String workload : options.workloads()) {
            Map<String, Figures> figures = new LinkedHashMap<>();
            for (Topology t : options.topologies()) {
                List<Sample> of = samples.stream().filter(s -> s.topology().equals(t) && s.workload().equals(workload))
                        .toList();
                if (!of.isEmpty()) {
                    figures.put(t.name(), new Figures(t, of));
                }
            }
            byWorkload.put(workload, figures);
        }
    }

    /** Mean figures of one topology under one workload over the passes. */
    record Figures(Topology topology, List<Sample> samples) {
        double rps() {
            return mean(s -> s.measured().perSecond());
        }

        double min() {
            return samples.stream().mapToDouble(s -> s.measured().perSecond()).min().orElse(Double.NaN);
        }

        double max() {
            return samples.stream().mapToDouble(s -> s.measured().perSecond()).max().orElse(Double.NaN);
        }

        double cpu(String role) {
            return mean(s -> s.cpuMicrosPerRequest().getOrDefault(role, 0.0));
        }

        double totalCpu() {
            return mean(Sample::totalCpuMicros);
        }

        double gridBytes() {
            return mean(Sample::gridBytesPerRequest);
        }

        long errors() {
            return samples.stream().mapToLong(s -> s.measured().errors()).sum();
        }

        double mean(ToDoubleFunction<Sample> f) {
            return samples.stream().mapToDouble(f).average().orElse(Double.NaN);
        }
    }

    String markdown() {
        StringBuilder md = new StringBuilder("# HTTP benchmark\n\n");
        md.append("Measured ").append(LocalDate.now()).append(" on ").append(Runtime.getRuntime().availableProcessors())
                .append(" cores with `").append(options.command()).append("`: ").append(options.sessions())
                .append(" sessions (a user name, a counter and a ~1 KB `Cart` of 20 strings, an application class), ")
                .append(options.connections()).append(" connections from ")
                .append(options.load() instanceof Wrk ? "wrk (" + options.threads() + " threads)" : "the harness's Java"
                        + " load generator (no wrk on this machine)")
                .append(", ").append(options.deploymentWarmup().toSeconds()).append(" s of both paths after each start")
                .append(" (for the JIT of every process, grid-nodes included),")
                .append(" then per workload ").append(options.warmup().toSeconds()).append(" s warm-up and ")
                .append(options.measured().toSeconds()).append(" s measured per topology and workload, ")
                .append(options.passes()).append(" passes with the order reversed in every other. Every process on")
                .append(" 127.0.0.1: the load generator, the application JVM (Jetty 12; Spring Boot 4 on Tomcat 11 for")
                .append(" the Spring Boot rows; ").append(options.launcher().heap())
                .append(" heap) and each grid-node JVM, redis-server or PostgreSQL server (with the processes that")
                .append(" serve its connections; fsync on, as PostgreSQL ships). A read reads the user and the cart; a write")
                .append(" adds one to the counter, changes the cart in place and sets it again. CPU is user + system")
                .append(" time of each server process over the measured window (`/proc/PID/stat`) per request.\n\n");
        for (Map.Entry<String, Map<String, Figures>> w : byWorkload.entrySet()) {
            table(md, w.getKey(), w.getValue());
        }
        derived(md);
        targets(md);
        return md.toString();
    }

    private void table(StringBuilder md, String workload, Map<String, Figures> figures) {
        md.append("## ").append(workload).append(" (").append(HttpRun.WORKLOADS.get(workload)).append("% reads)\n\n")
                .append("| topology | req/s (range) | × local | × hazelcast-wm | × Spring Redis | p50 ms | p99 ms |"
                        + " CPU µs/req: app | grid | redis / postgres | total | errors |\n")
                .append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (Figures f : figures.values()) {
            md.append(String.format(Locale.ROOT,
                    "| %s | %,.0f (%,.0f-%,.0f) | %s | %s | %s | %.2f | %.2f | %.0f | %s | %s | %.0f | %d |%n",
                    f.topology().title(), f.rps(), f.min(), f.max(), ratio(f, figures.get("local")),
                    ratio(f, figures.get("hazelcast-wm")), ratio(f, figures.get("spring-redis")),
                    f.mean(s -> s.measured().p50Millis()), f.mean(s -> s.measured().p99Millis()), f.cpu("app"),
                    f.topology().gridNodes() > 0 ? String.format(Locale.ROOT, "%.0f", f.cpu("grid")) : "",
                    f.topology().redis() ? String.format(Locale.ROOT, "%.0f", f.cpu("redis"))
                            : f.topology().postgres() ? String.format(Locale.ROOT, "%.0f", f.cpu("postgres")) : "",
                    f.totalCpu(),
                    f.errors()));
        }
        md.append('\n');
    }

    private static String ratio(Figures f, Figures peer) {
        return peer == null ? "" : String.format(Locale.ROOT, "%.2f", f.rps() / peer.rps());
    }

    /** Per-read and per-write costs, solved from the two workloads' mixes (95/5 and 50/50). */
    private void derived(StringBuilder md) {
        Map<String, Figures> read = byWorkload.get("read-heavy");
        Map<String, Figures> write = byWorkload.get("write-heavy");
        if (read == null || write == null) {
            return;
        }
        md.append("## Per read and per write\n\nSolved from the two workloads (95% and 50% reads): the server CPU of one"
                + " read and of one write, and the bytes the grid-nodes moved through their sockets per read and per"
                + " write (requests from the application and backups between nodes; the HTTP traffic is not"
                + " theirs).\n\n| topology | CPU µs per read | CPU µs per write | grid bytes per read | grid bytes per"
                + " write |\n| --- | ---: | ---: | ---: | ---: |\n");
        for (String name : read.keySet()) {
            Figures r = read.get(name);
            Figures w = write.get(name);
            if (w == null) {
                continue;
            }
            double[] cpu = solve(r.totalCpu(), w.totalCpu());
            double[] bytes = solve(r.gridBytes(), w.gridBytes());
            md.append(String.format(Locale.ROOT, "| %s | %.0f | %.0f | %s | %s |%n", r.topology().title(), cpu[0],
                    cpu[1], r.topology().gridNodes() > 0 ? String.format(Locale.ROOT, "%,.0f", bytes[0]) : "",
                    r.topology().gridNodes() > 0 ? String.format(Locale.ROOT, "%,.0f", bytes[1]) : ""));
        }
        md.append('\n');
    }

    /** From per-request means at 95% and at 50% reads: {per read, per write}. */
    static double[] solve(double at95, double at50) {
        // at95 = 0.95 r + 0.05 w; at50 = 0.5 r + 0.5 w
        double w = (at50 - at95 * 0.5 / 0.95) / (0.5 - 0.05 * 0.5 / 0.95);
        double r = (at95 - 0.05 * w) / 0.95;
        return new double[] {r, w};
    }

    private void targets(StringBuilder md) {
        Map<String, Figures> read = byWorkload.getOrDefault("read-heavy", Map.of());
        Map<String, Figures> write = byWorkload.getOrDefault("write-heavy", Map.of());
        List<String> lines = new ArrayList<>();
        check(lines, "1 embedded member, STICKY, read-heavy ≥ 1.0× hazelcast-wm", read, "ours-embedded-sticky",
                "hazelcast-wm", 1.0);
        check(lines, "1 embedded member, STICKY, read-heavy ≥ 0.8× local", read, "ours-embedded-sticky", "local", 0.8);
        check(lines, "1 embedded member, STICKY, write-heavy ≥ 1.0× hazelcast-wm", write, "ours-embedded-sticky",
                "hazelcast-wm", 1.0);
        Figures ours = read.get("ours-embedded-sticky");
        Figures local = read.get("local");
        if (ours != null && local != null) {
            double[] o = solve(ours.cpu("app"), write.containsKey("ours-embedded-sticky")
                    ? write.get("ours-embedded-sticky").cpu("app") : ours.cpu("app"));
            double[] l = solve(local.cpu("app"), write.containsKey("local") ? write.get("local").cpu("app")
                    : local.cpu("app"));
            lines.add(verdict(String.format(Locale.ROOT, "1 embedded member, STICKY: app CPU per read %.0f µs ≤ local's"
                    + " %.0f + 10 µs", o[0], l[0]), o[0] <= l[0] + 10));
        }
        for (String mode : List.of("sticky", "validated")) {
            check(lines, "thin client of 1 grid-node, " + mode.toUpperCase(Locale.ROOT) + ", read-heavy ≥ 2× Spring"
                    + " Redis", read, "ours-client1-" + mode, "spring-redis", 2.0);
            check(lines, "thin client of 1 grid-node, " + mode.toUpperCase(Locale.ROOT) + ", write-heavy ≥ 1.2×"
                    + " Spring Redis", write, "ours-client1-" + mode, "spring-redis", 1.2);
            for (Map.Entry<String, Map<String, Figures>> w : byWorkload.entrySet()) {
                Figures o = w.getValue().get("ours-client1-" + mode);
                Figures redis = w.getValue().get("spring-redis");
                if (o != null && redis != null) {
                    lines.add(verdict(String.format(Locale.ROOT, "thin client of 1 grid-node, %s, %s: total server CPU"
                            + " %.0f µs/req < Spring Redis's %.0f", mode.toUpperCase(Locale.ROOT), w.getKey(),
                            o.totalCpu(), redis.totalCpu()), o.totalCpu() < redis.totalCpu()));
                }
            }
        }
        check(lines, "thin client of 3 grid-nodes, VALIDATED, read-heavy ≥ 1.0× Spring Redis", read,
                "ours-client3-validated", "spring-redis", 1.0);
        check(lines, "thin client of 3 grid-nodes, VALIDATED, write-heavy ≥ 1.0× Spring Redis", write,
                "ours-client3-validated", "spring-redis", 1.0);
        for (String mode : List.of("sticky", "validated")) {
            Figures one = write.get("ours-client1-" + mode);
            Figures three = write.get("ours-client3-" + mode);
            Figures oneRead = read.get("ours-client1-" + mode);
            Figures threeRead = read.get("ours-client3-" + mode);
            if (one != null && three != null && oneRead != null && threeRead != null) {
                double w1 = solve(oneRead.totalCpu(), one.totalCpu())[1];
                double w3 = solve(threeRead.totalCpu(), three.totalCpu())[1];
                lines.add(verdict(String.format(Locale.ROOT, "%s: a write with one backup on 3 grid-nodes, %.0f µs ≤ 2×"
                        + " a write on 1 grid-node, %.0f µs", mode.toUpperCase(Locale.ROOT), w3, w1), w3 <= 2 * w1));
            }
        }
        for (Map.Entry<String, Map<String, Figures>> w : byWorkload.entrySet()) {
            check(lines, "Spring Boot app over our starter, thin client of 1 grid-node, " + w.getKey() + " ≥ 1.0× the"
                    + " same app over Spring Session Data Redis", w.getValue(), "boot-ours-client1",
                    "boot-spring-redis", 1.0);
            check(lines, "WebFlux app over our reactive repository, thin client of 1 grid-node, " + w.getKey()
                    + " ≥ 1.0× the same app over Spring Session Data Redis's reactive repository", w.getValue(),
                    "webflux-ours-client1", "webflux-spring-redis", 1.0);
        }
        if (!lines.isEmpty()) {
            md.append("## Targets\n\n");
            lines.forEach(l -> md.append("- ").append(l).append('\n'));
            md.append('\n');
        }
        scaling(md);
    }

    private void scaling(StringBuilder md) {
        List<String> nodes = List.of("ours-client1-validated", "ours-client3-validated", "ours-client5-validated");
        if (byWorkload.values().stream().noneMatch(f -> f.keySet().containsAll(nodes))) {
            return;
        }
        md.append("## Scaling: thin client, VALIDATED, over 1, 3 and 5 grid-nodes\n\n| workload | grid-nodes | req/s |"
                + " CPU µs/req: app | grid | total |\n| --- | ---: | ---: | ---: | ---: | ---: |\n");
        for (Map.Entry<String, Map<String, Figures>> w : byWorkload.entrySet()) {
            for (String n : nodes) {
                Figures f = w.getValue().get(n);
                if (f != null) {
                    md.append(String.format(Locale.ROOT, "| %s | %d | %,.0f | %.0f | %.0f | %.0f |%n", w.getKey(),
                            f.topology().gridNodes(), f.rps(), f.cpu("app"), f.cpu("grid"), f.totalCpu()));
                }
            }
        }
        md.append("\nOn one 2-core machine every added grid-node JVM competes with the application and the load"
                + " generator for the same cores, so this curve shows the cost of replication and routing, not the"
                + " capacity more machines would add.\n\n");
    }

    private static void check(List<String> lines, String what, Map<String, Figures> figures, String ours, String peer,
                              double at) {
        Figures o = figures.get(ours);
        Figures p = figures.get(peer);
        if (o != null && p != null) {
            double ratio = o.rps() / p.rps();
            lines.add(verdict(String.format(Locale.ROOT, "%s: %.2f×", what, ratio), ratio >= at));
        }
    }

    private static String verdict(String what, boolean met) {
        return (met ? "met: " : "missed: ") + what;
    }

    /** The chart beside a report: {@code http.md} gets {@code http.png}. */
    public static Path png(Path report) {
        String name = report.getFileName().toString().replaceFirst("\\.md$", "");
        return report.resolveSibling(name + ".png");
    }

    /** Each topology's throughput as a multiple of Jetty's local sessions', per workload. */
    void chart(Path png) throws IOException {
        BarChart chart = new BarChart("Throughput × Jetty local sessions (separate processes, same run)", "× local",
                "0.00");
        for (Map.Entry<String, Map<String, Figures>> w : byWorkload.entrySet()) {
            Figures local = w.getValue().get("local");
            for (Figures f : w.getValue().values()) {
                chart.add(w.getKey(), f.topology().name(), local == null ? f.rps() : f.rps() / local.rps());
            }
        }
        chart.writePng(png);
    }
}
