package io.sessiongrid.bench.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.sessiongrid.bench.http.Report.solve;

/**
 * The targets of the hot-path work, checked against one set of figures: the means of a whole run, or one pass or
 * round alone (where ours and the peer ran minutes apart). A target whose rows the run did not measure is left out.
 */
final class Targets {
    /** One target: what it asks, the figure measured and whether it is met. */
    record Check(String what, String figure, boolean met) {
    }

    private final Map<String, Report.Figures> read;
    private final Map<String, Report.Figures> write;
    private final List<Check> checks = new ArrayList<>();

    private Targets(Map<String, Report.Figures> read, Map<String, Report.Figures> write) {
        this.read = read;
        this.write = write;
    }

    static List<Check> check(Map<String, Report.Figures> read, Map<String, Report.Figures> write) {
        Targets t = new Targets(read, write);
        t.all();
        return List.copyOf(t.checks);
    }

    private void all() {
        ratio("1 embedded member, STICKY, read-heavy ≥ 1.0× hazelcast-wm", read, "ours-embedded-sticky", "hazelcast-wm",
                1.0);
        ratio("1 embedded member, STICKY, read-heavy ≥ 0.8× local", read, "ours-embedded-sticky", "local", 0.8);
        ratio("1 embedded member, STICKY, write-heavy ≥ 1.0× hazelcast-wm", write, "ours-embedded-sticky",
                "hazelcast-wm", 1.0);
        double ours = appCpuPerRead("ours-embedded-sticky");
        double local = appCpuPerRead("local");
        if (!Double.isNaN(ours) && !Double.isNaN(local)) {
            checks.add(new Check("1 embedded member, STICKY: app CPU per read ≤ local's + 10 µs",
                    String.format(Locale.ROOT, "%.0f µs against %.0f + 10", ours, local), ours <= local + 10));
        }
        for (String mode : List.of("sticky", "validated")) {
            String m = mode.toUpperCase(Locale.ROOT);
            ratio("thin client of 1 grid-node, " + m + ", read-heavy ≥ 2× Spring Redis", read, "ours-client1-" + mode,
                    "spring-redis", 2.0);
            ratio("thin client of 1 grid-node, " + m + ", write-heavy ≥ 1.2× Spring Redis", write,
                    "ours-client1-" + mode, "spring-redis", 1.2);
            for (Map.Entry<String, Map<String, Report.Figures>> w : workloads()) {
                Report.Figures o = w.getValue().get("ours-client1-" + mode);
                Report.Figures redis = w.getValue().get("spring-redis");
                if (o != null && redis != null) {
                    checks.add(new Check("thin client of 1 grid-node, " + m + ", " + w.getKey()
                            + ": less total server CPU per request than Spring Redis", String.format(Locale.ROOT,
                            "%.0f µs against %.0f", o.totalCpu(), redis.totalCpu()), o.totalCpu() < redis.totalCpu()));
                }
            }
        }
        ratio("thin client of 3 grid-nodes, VALIDATED, read-heavy ≥ 1.0× Spring Redis", read, "ours-client3-validated",
                "spring-redis", 1.0);
        ratio("thin client of 3 grid-nodes, VALIDATED, write-heavy ≥ 1.0× Spring Redis", write,
                "ours-client3-validated", "spring-redis", 1.0);
        for (String mode : List.of("sticky", "validated")) {
            double w1 = writeCost("ours-client1-" + mode);
            double w3 = writeCost("ours-client3-" + mode);
            if (!Double.isNaN(w1) && !Double.isNaN(w3)) {
                checks.add(new Check(mode.toUpperCase(Locale.ROOT) + ": a write with one backup on 3 grid-nodes ≤ 2× the"
                        + " CPU of a write on 1 grid-node", String.format(Locale.ROOT, "%.0f / %.0f µs = %.2f×", w3, w1,
                        w3 / w1), w3 <= 2 * w1));
            }
        }
        for (Map.Entry<String, Map<String, Report.Figures>> w : workloads()) {
            ratio("Spring Boot app over our starter, thin client of 1 grid-node, " + w.getKey() + " ≥ 1.0× the same app"
                    + " over Spring Session Data Redis", w.getValue(), "boot-ours-client1", "boot-spring-redis", 1.0);
            ratio("WebFlux app over our reactive repository, thin client of 1 grid-node, " + w.getKey() + " ≥ 1.0× the"
                    + " same app over Spring Session Data Redis's reactive repository", w.getValue(),
                    "webflux-ours-client1", "webflux-spring-redis", 1.0);
        }
    }

    private List<Map.Entry<String, Map<String, Report.Figures>>> workloads() {
        return List.of(Map.entry("read-heavy", read), Map.entry("write-heavy", write));
    }

    private void ratio(String what, Map<String, Report.Figures> figures, String ours, String peer, double at) {
        Report.Figures o = figures.get(ours);
        Report.Figures p = figures.get(peer);
        if (o != null && p != null) {
            double ratio = o.rps() / p.rps();
            checks.add(new Check(what, String.format(Locale.ROOT, "%.2f× (%,.0f / %,.0f req/s)", ratio, o.rps(),
                    p.rps()), ratio >= at));
        }
    }

    /** The application's CPU of one read, solved from both workloads (from read-heavy alone without the other). */
    private double appCpuPerRead(String topology) {
        Report.Figures r = read.get(topology);
        if (r == null) {
            return Double.NaN;
        }
        Report.Figures w = write.get(topology);
        return solve(r.cpu("app"), w == null ? r.cpu("app") : w.cpu("app"))[0];
    }

    /** All server processes' CPU of one write, solved from both workloads; NaN without both. */
    private double writeCost(String topology) {
        Report.Figures r = read.get(topology);
        Report.Figures w = write.get(topology);
        return r == null || w == null ? Double.NaN : solve(r.totalCpu(), w.totalCpu())[1];
    }
}
