package io.sessiongrid.bench.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The HTTP benchmark as users run the thing: the application ({@link BenchApp}) in a JVM of its own over each
 * session backend, its grid members as grid-node JVMs (or a redis-server), and the load from wrk (or, without wrk,
 * from this process), every process on 127.0.0.1. Each topology runs in every pass, the order reversed in every
 * other pass; per request it records throughput, latency and each server process's CPU time, read from
 * {@code /proc}. Writes a Markdown report and a PNG chart.
 *
 * <p>With {@code --rounds N} every deployment is started and warmed first and stays up; then each of N rounds
 * measures every topology in turn, the order reversed in every other round. A ratio then compares windows a few
 * minutes apart instead of a pass apart, so a change in the machine's other load moves ours and the peer together,
 * and each ratio is reported per round. The idle deployments' CPU during each window is recorded beside it.
 *
 * <p>A topology named {@code NAME@baseline} runs NAME's application and grid-nodes from another build's benchmark
 * jar ({@code --baseline JAR}), so that two commits are compared in one run, in the same rounds.
 *
 * <pre>
 * HttpRun --out docs/bench/http.md [--sessions 1000] [--connections 32] [--threads 2] [--warmup 5] [--seconds 10]
 *         [--passes 2 | --rounds N] [--topologies a,b] [--workloads read-heavy,write-heavy] [--load wrk|java]
 *         [--jit-warmup 120] [--wm-jar FILE] [--boot-jar FILE] [--jvm-flags FILE] [--heap 1g] [--work DIR]
 *         [--baseline JAR [--baseline-rev REV]]
 * </pre>
 */
public final class HttpRun {
    /** Workload name and its share of reads, in percent. */
    static final Map<String, Integer> WORKLOADS = Collections.unmodifiableMap(new LinkedHashMap<>(Map.of(
            "read-heavy", 95, "write-heavy", 50)));

    final Options options;

    HttpRun(Options options) {
        this.options = options;
    }

    /** What a run is asked to do. */
    record Options(Path out, int sessions, int connections, int threads, Duration deploymentWarmup, Duration warmup,
                   Duration measured,
                   int passes, boolean interleaved, List<Topology> topologies, List<String> workloads, Load load,
                   Launcher launcher, String baseline, String command) {

        /** The launcher of a topology's processes: the baseline build's for a {@code NAME@baseline} row. */
        Launcher launcherOf(Topology topology) {
            return topology.baseline() ? launcher.over(baseline) : launcher;
        }
    }

    /**
     * Every option {@link #parse} takes, each given as {@code --name value}; {@code --baseline-rev} only names the
     * baseline's commit in the report's command (run-http.sh builds that commit's jar and passes both).
     */
    static final List<String> OPTIONS = List.of("topologies", "workloads", "rounds", "passes", "sessions",
            "connections", "threads", "warmup", "seconds", "jit-warmup", "heap", "load", "out", "baseline",
            "baseline-rev", "work", "wm-jar", "boot-jar", "jvm-flags");

    public static void main(String[] args) throws Exception {
        Options options = parse(args);
        List<Sample> samples = new HttpRun(options).run();
        Report report = new Report(options, samples);
        Files.writeString(options.out(), report.markdown());
        report.chart(Report.png(options.out()));
        System.out.println(report.markdown());
    }

    static Options parse(String[] args) throws IOException {
        Map<String, String> a = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            // Refused before anything starts: a run takes tens of minutes, and an option it ignored (a typo, or a
            // --help) would let it run with the defaults and overwrite the default report.
            if (!args[i].startsWith("--") || !OPTIONS.contains(args[i].substring(2))) {
                throw new IllegalArgumentException("unknown option " + args[i] + "; the options are --"
                        + String.join(" --", OPTIONS) + ", each with a value (run-http.sh's header shows examples)");
            }
            if (i + 1 == args.length) {
                throw new IllegalArgumentException(args[i] + " needs a value");
            }
            a.put(args[i].substring(2), args[i + 1]);
        }
        Path work = Path.of(a.getOrDefault("work", "target/http-bench"));
        Files.createDirectories(work);
        Files.writeString(work.resolve("logging.properties"), "handlers=java.util.logging.ConsoleHandler\n"
                + ".level=WARNING\njava.util.logging.ConsoleHandler.level=WARNING\n");
        List<String> flags = new ArrayList<>();
        Path flagsFile = Path.of(a.getOrDefault("jvm-flags", "grid-node/bin/hazelcast-jvm-flags"));
        if (Files.exists(flagsFile)) {
            flags.addAll(List.of(Files.readString(flagsFile).trim().split("\\s+")));
        }
        String wm = a.getOrDefault("wm-jar", "");
        List<String> topologies = a.containsKey("topologies") ? List.of(a.get("topologies").split(","))
                : Topology.ALL.stream().map(Topology::name).filter(n -> !wm.isEmpty() || !n.equals("hazelcast-wm"))
                .toList();
        String loadName = a.getOrDefault("load", Wrk.installed() ? "wrk" : "java");
        int threads = Integer.parseInt(a.getOrDefault("threads", "2"));
        Load load = loadName.equals("wrk") ? new Wrk(work, threads) : new JavaLoad();
        List<String> workloads = List.of(a.getOrDefault("workloads", String.join(",", WORKLOADS.keySet())).split(","));
        for (String w : workloads) {
            if (!WORKLOADS.containsKey(w)) {
                throw new IllegalArgumentException("unknown workload " + w + "; known: " + WORKLOADS.keySet());
            }
        }
        if (a.containsKey("rounds") && a.containsKey("passes")) {
            throw new IllegalArgumentException("--passes and --rounds exclude each other: passes start each deployment"
                    + " in turn, rounds keep every deployment up and measure them in turn; give one");
        }
        boolean interleaved = a.containsKey("rounds");
        int passes = Integer.parseInt(interleaved ? a.get("rounds") : a.getOrDefault("passes", "2"));
        if (passes < 1) {
            throw new IllegalArgumentException("--" + (interleaved ? "rounds" : "passes") + " must be at least 1, got "
                    + passes);
        }
        String baseline = a.getOrDefault("baseline", "");
        for (String entry : baseline.isEmpty() ? new String[0] : baseline.split(java.io.File.pathSeparator)) {
            if (!Files.exists(Path.of(entry))) {
                throw new IllegalArgumentException("--baseline: " + entry + " does not exist; give the benchmarks.jar"
                        + " of the build to compare with (run-http.sh --baseline-rev REV builds one)");
            }
        }
        for (String t : topologies) {
            if (t.endsWith(Topology.BASELINE) && baseline.isEmpty()) {
                throw new IllegalArgumentException(t + " runs the baseline build: give its jar with --baseline JAR"
                        + " (run-http.sh --baseline-rev REV builds one)");
            }
        }
        StringBuilder command = new StringBuilder("ops/bench/run-http.sh");
        a.forEach((k, v) -> {
            if (!k.equals("out") && !k.equals("work") && !k.equals("wm-jar") && !k.equals("boot-jar")
                    && !k.equals("jvm-flags") && !k.equals("baseline")) {
                command.append(" --").append(k).append(' ').append(v);
            }
        });
        return new Options(Path.of(a.getOrDefault("out", "http-report.md")),
                Integer.parseInt(a.getOrDefault("sessions", "1000")),
                Integer.parseInt(a.getOrDefault("connections", "32")), threads,
                Duration.ofSeconds(Long.parseLong(a.getOrDefault("jit-warmup", "120"))),
                Duration.ofSeconds(Long.parseLong(a.getOrDefault("warmup", "5"))),
                Duration.ofSeconds(Long.parseLong(a.getOrDefault("seconds", "10"))),
                passes, interleaved, Topology.named(topologies), workloads, load,
                new Launcher(work, System.getProperty("java.class.path"), flags, wm, a.getOrDefault("heap", "1g"),
                        a.getOrDefault("boot-jar", "")),
                baseline, command.toString());
    }

    /** Every topology under every workload, in every pass or round. */
    List<Sample> run() throws Exception {
        return options.interleaved() ? runInRounds() : runInPasses();
    }

    private List<Sample> runInPasses() throws Exception {
        List<Sample> samples = new ArrayList<>();
        for (int pass = 0; pass < options.passes(); pass++) {
            for (Topology topology : order(pass)) {
                System.out.println("pass " + (pass + 1) + ": " + topology.name());
                try (Deployment deployment = Deployment.start(topology, options.launcherOf(topology))) {
                    Path cookies = login(topology, deployment.appPort());
                    warmUp(deployment, cookies);
                    for (String workload : options.workloads()) {
                        samples.add(measure(topology, deployment, cookies, workload, pass, List.of()));
                    }
                }
            }
        }
        return samples;
    }

    /**
     * Every deployment up at once, each warmed in turn, then every topology measured in each round. The deployments
     * not under load sit idle meanwhile; what they spend is recorded with each window, since it is taken from the
     * same two cores.
     */
    private List<Sample> runInRounds() throws Exception {
        Map<Topology, Deployment> up = new LinkedHashMap<>();
        Map<Topology, Path> cookies = new LinkedHashMap<>();
        try {
            for (Topology topology : options.topologies()) {
                System.out.println("start and warm: " + topology.name());
                Deployment deployment = Deployment.start(topology, options.launcherOf(topology));
                up.put(topology, deployment);
                cookies.put(topology, login(topology, deployment.appPort()));
                warmUp(deployment, cookies.get(topology));
            }
            List<Sample> samples = new ArrayList<>();
            for (int round = 0; round < options.passes(); round++) {
                for (Topology topology : order(round)) {
                    System.out.println("round " + (round + 1) + ": " + topology.name());
                    List<ServerProcess> idle = up.entrySet().stream().filter(e -> !e.getKey().equals(topology))
                            .flatMap(e -> e.getValue().servers().stream()).toList();
                    for (String workload : options.workloads()) {
                        samples.add(measure(topology, up.get(topology), cookies.get(topology), workload, round, idle));
                    }
                }
            }
            return samples;
        } finally {
            List<Deployment> started = new ArrayList<>(up.values());
            Collections.reverse(started);
            started.forEach(Deployment::close);
        }
    }

    /** The topologies in the order of one pass or round: as given, reversed in every other. */
    private List<Topology> order(int pass) {
        List<Topology> order = new ArrayList<>(options.topologies());
        if (pass % 2 == 1) {
            Collections.reverse(order);
        }
        return order;
    }

    /**
     * Drives both paths before anything is measured, long enough for the JIT to compile them in every process. A
     * short warm-up favours the topologies with one JVM: measured here, three grid-node JVMs after 30 s of load
     * still spent 31% of their CPU in the C2 compiler and served 1,029 write-heavy requests a second; after 120 s
     * they served 3,626. A throughput-plateau rule stopped after 15-20 s on those same deployments (the gain per
     * slice is small while the compiler competes for the two cores), so the warm-up is a fixed time.
     */
    private void warmUp(Deployment deployment, Path cookies) throws Exception {
        if (!options.deploymentWarmup().isZero()) {
            options.load().drive(deployment.appPort(), cookies, WORKLOADS.get("write-heavy"), options.connections(),
                    options.deploymentWarmup());
        }
    }

    private Sample measure(Topology topology, Deployment deployment, Path cookies, String workload, int pass,
                           List<ServerProcess> idle) throws Exception {
        int reads = WORKLOADS.get(workload);
        if (!options.warmup().isZero()) {
            options.load().drive(deployment.appPort(), cookies, reads, options.connections(), options.warmup());
        }
        List<ServerProcess> servers = deployment.servers();
        Map<ServerProcess, Long> cpuBefore = new LinkedHashMap<>();
        long gridIoBefore = 0;
        for (ServerProcess s : servers) {
            cpuBefore.put(s, s.cpuTicks());
            if (s.role().startsWith("node-")) {
                gridIoBefore += s.ioBytes();
            }
        }
        long idleBefore = idleTicks(idle);
        Load.Measured m = options.load().drive(deployment.appPort(), cookies, reads, options.connections(),
                options.measured());
        Map<String, Double> cpu = new LinkedHashMap<>();
        long gridIo = -gridIoBefore;
        double microsPerTick = 1e6 / clockTicksPerSecond();
        for (ServerProcess s : servers) {
            double micros = (s.cpuTicks() - cpuBefore.get(s)) * microsPerTick / Math.max(1, m.requests());
            cpu.merge(s.role().startsWith("node-") ? "grid" : s.role(), micros, Double::sum);
            if (s.role().startsWith("node-")) {
                gridIo += s.ioBytes();
            }
        }
        double idleCores = (idleTicks(idle) - idleBefore) / (double) clockTicksPerSecond() / m.seconds();
        return new Sample(topology, workload, pass, m, cpu, topology.gridNodes() == 0 ? 0
                : (double) gridIo / Math.max(1, m.requests()), idleCores);
    }

    private static long idleTicks(List<ServerProcess> idle) {
        return idle.stream().mapToLong(ServerProcess::cpuTicks).sum();
    }

    /** Logs in {@code sessions} users; one line per session: the Cookie header that presents it. */
    private Path login(Topology topology, int port) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<String>> logins = new ArrayList<>();
        for (int n = 0; n < options.sessions(); n++) {
            int user = n;
            logins.add(pool.submit(() -> {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/login?n=" + user)).build(), HttpResponse.BodyHandlers.ofString());
                // Every cookie the login set, as a browser would send them back.
                List<String> cookies = r.headers().allValues("Set-Cookie").stream().map(c -> c.split(";")[0])
                        .toList();
                if (r.statusCode() != 200 || cookies.stream().noneMatch(c -> c.startsWith(topology.cookie() + "="))) {
                    throw new IllegalStateException(topology.name() + ": login answered " + r.statusCode()
                            + " without a " + topology.cookie() + " cookie: " + r.headers().map());
                }
                return String.join("; ", cookies);
            }));
        }
        List<String> lines = new ArrayList<>();
        for (Future<String> f : logins) {
            lines.add(f.get());
        }
        pool.shutdown();
        return Files.write(options.launcher().dir().resolve(topology.name() + "-cookies.txt"), lines);
    }

    private static long clockTicksPerSecond() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            return p.waitFor() == 0 ? Long.parseLong(out) : 100;
        } catch (IOException | InterruptedException | NumberFormatException e) {
            return 100;
        }
    }
}
