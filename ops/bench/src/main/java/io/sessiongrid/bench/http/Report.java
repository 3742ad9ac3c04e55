package io.sessiongrid.bench.http;

import io.sessiongrid.bench.BarChart;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.DoubleSummaryStatistics;
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
                .append(options.interleaved() ? options.passes() + " rounds with every deployment up at once (each"
                        + " started and warmed first, then each round measures every topology in turn, the others"
                        + " idle)" : options.passes() + " passes (each deployment started, warmed and measured, then"
                        + " stopped)").append(" with the order reversed in every other. Every process on")
                .append(" 127.0.0.1: the load generator, the application JVM (Jetty 12; Spring Boot 4 on Tomcat 11 for")
                .append(" the Spring Boot rows; ").append(options.launcher().heap())
                .append(" heap) and each grid-node JVM, redis-server or PostgreSQL server (with the processes that")
                .append(" serve its connections; fsync on, as PostgreSQL ships). A read reads the user and the cart; a write")
                .append(" adds one to the counter, changes the cart in place and sets it again. CPU is user + system")
                .append(" time of each server process over the measured window (`/proc/PID/stat`) per request.\n\n");
        for (Map.Entry<String, Map<String, Figures>> w : byWorkload.entrySet()) {
            table(md, w.getKey(), w.getValue());
        }
        idle(md);
        builds(md);
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

    /**
     * What the deployments not under load spent meanwhile, when every deployment was up at once, and during which
     * measurement they spent the most: a row whose figures stand out may have shared the cores with a busy neighbour.
     */
    private void idle(StringBuilder md) {
        if (!options.interleaved()) {
            return;
        }
        List<Sample> samples = byWorkload.values().stream().flatMap(f -> f.values().stream())
                .flatMap(f -> f.samples().stream()).toList();
        DoubleSummaryStatistics idle = samples.stream().mapToDouble(Sample::idleCores).summaryStatistics();
        Sample busiest = samples.stream().max(Comparator.comparingDouble(Sample::idleCores)).orElseThrow();
        md.append(String.format(Locale.ROOT, "While one deployment was measured, the others (idle: heartbeats, timers,"
                + " the collector) spent %.3f of a core on average, %.3f at most (while %s, %s, round %d was measured),"
                + " of the machine's %d.%n%n", idle.getAverage(), idle.getMax(), busiest.topology().title(),
                busiest.workload(), busiest.pass() + 1, Runtime.getRuntime().availableProcessors()));
    }

    /**
     * Each row measured from both builds: this build's throughput over the baseline's and the CPU per request of
     * each, over the run and in each pass or round (the two builds minutes apart).
     */
    private void builds(StringBuilder md) {
        StringBuilder rows = new StringBuilder();
        for (Map.Entry<String, Map<String, Figures>> w : byWorkload.entrySet()) {
            for (Figures base : w.getValue().values()) {
                Figures ours = base.topology().baseline() ? w.getValue().get(base.topology().plainName()) : null;
                if (ours == null) {
                    continue;
                }
                List<String> perPass = new ArrayList<>();
                for (Sample b : base.samples()) {
                    ours.samples().stream().filter(o -> o.pass() == b.pass()).findFirst().ifPresent(o -> perPass.add(
                            String.format(Locale.ROOT, "%.2f× at %.0f / %.0f µs", o.measured().perSecond()
                                    / b.measured().perSecond(), o.totalCpuMicros(), b.totalCpuMicros())));
                }
                rows.append(String.format(Locale.ROOT, "| %s | %s | %.2f× | %.0f / %.0f | %s |%n", ours.topology().title(),
                        w.getKey(), ours.rps() / base.rps(), ours.totalCpu(), base.totalCpu(),
                        String.join("; ", perPass)));
            }
        }
        if (rows.length() > 0) {
            md.append("## This build against the baseline\n\nThe same rows from the baseline build (")
                    .append(options.baseline()).append("): this build's requests per second over the baseline's, and"
                            + " the total server CPU per request of each (this / baseline).\n\n| topology | workload |"
                            + " req/s × baseline | CPU µs/req | per ").append(options.interleaved() ? "round" : "pass")
                    .append(" |\n| --- | --- | ---: | ---: | --- |\n").append(rows).append('\n');
        }
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

    /**
     * Each target against the means of the run; with more than one pass or round, also against each alone (ours and
     * the peer measured in the same one) and in how many of them it was met.
     */
    private void targets(StringBuilder md) {
        List<Targets.Check> whole = Targets.check(byWorkload.getOrDefault("read-heavy", Map.of()),
                byWorkload.getOrDefault("write-heavy", Map.of()));
        if (!whole.isEmpty()) {
            List<List<Targets.Check>> perPass = new ArrayList<>();
            for (int pass = 0; options.passes() > 1 && pass < options.passes(); pass++) {
                perPass.add(Targets.check(inPass("read-heavy", pass), inPass("write-heavy", pass)));
            }
            md.append("## Targets\n\n");
            String unit = options.interleaved() ? "round" : "pass";
            for (Targets.Check c : whole) {
                md.append("- ").append(c.met() ? "met" : "missed").append(": ").append(c.what()).append(": ")
                        .append(c.figure());
                List<Targets.Check> same = perPass.stream().flatMap(List::stream)
                        .filter(p -> p.what().equals(c.what())).toList();
                if (same.size() > 1) {
                    md.append("; per ").append(unit).append(": ").append(String.join("; ", same.stream()
                            .map(p -> p.figure() + (p.met() ? " met" : " missed")).toList()))
                            .append(String.format(Locale.ROOT, " (met in %d of %d)",
                                    same.stream().filter(Targets.Check::met).count(), same.size()));
                }
                md.append('\n');
            }
            md.append('\n');
        }
        scaling(md);
    }

    /** One workload's figures from one pass or round alone. */
    private Map<String, Figures> inPass(String workload, int pass) {
        Map<String, Figures> all = byWorkload.getOrDefault(workload, Map.of());
        Map<String, Figures> one = new LinkedHashMap<>();
        all.forEach((name, f) -> {
            List<Sample> of = f.samples().stream().filter(s -> s.pass() == pass).toList();
            if (!of.isEmpty()) {
                one.put(name, new Figures(f.topology(), of));
            }
        });
        return one;
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

    /** The chart beside a report: {@code http.md} gets {@code http.png}. */
    public static Path png(Path report) {
        String name = report.getFileName().toString().replaceFirst("\\.md$", "");
        return report.resolveSibling(name + ".png");
    }

    /**
     * Each topology's throughput per workload: as a multiple of Jetty's local sessions' when every workload measured
     * them, else in requests per second, and labelled as what it shows.
     */
    BarChart barChart() {
        boolean againstLocal = byWorkload.values().stream().allMatch(figures -> figures.containsKey("local"));
        BarChart chart = againstLocal
                ? new BarChart("Throughput × Jetty local sessions (separate processes, same run)", "× local", "0.00")
                : new BarChart("Throughput (separate processes, same run)", "req/s", "#,##0");
        for (Map.Entry<String, Map<String, Figures>> w : byWorkload.entrySet()) {
            Figures local = w.getValue().get("local");
            for (Figures f : w.getValue().values()) {
                chart.add(w.getKey(), f.topology().name(), againstLocal ? f.rps() / local.rps() : f.rps());
            }
        }
        return chart;
    }

    void chart(Path png) throws IOException {
        barChart().writePng(png);
    }
}
