package io.sessiongrid.bench;

import io.sessiongrid.client.api.ReadMode;
import io.sessiongrid.client.api.SessionStore;
import io.sessiongrid.client.api.StoreSettings;
import io.sessiongrid.client.hazelcast.SessionGrid;
import io.sessiongrid.client.local.InProcessSessionStore;
import io.sessiongrid.servlet.config.SaveMode;
import io.sessiongrid.servlet.config.SessionFilterSettings;
import io.sessiongrid.servlet.filter.SessionGridFilter;
import jakarta.servlet.DispatcherType;
import org.HdrHistogram.Histogram;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The HTTP benchmark: the same application ({@link ShopServlet}) in embedded Jetty 12 over each session backend
 * (container-local sessions, ours in three modes and with Spring Session's save mode, Spring Session over Redis
 * and over Hazelcast), in one run and one JVM, driven by {@code connections} virtual users over {@code sessions}
 * logged-in sessions, read-heavy (95% reads) and write-heavy (50%), a fixed time after a warm-up. Reports
 * throughput, p50 and p99 latency, and each backend's throughput as a ratio of container-local sessions (the peer).
 * {@code HttpBenchmark [--out FILE] [--sessions N] [--connections N] [--warmup S] [--seconds S]
 * [--backends a,b] [--workloads read-heavy,write-heavy] [--rounds N]}.
 */
public final class HttpBenchmark {
    static final List<String> BACKENDS = List.of("local", "in-process", "embedded-sticky", "embedded-validated",
            "thin-client-sticky", "thin-client-validated", "embedded-sticky-on-set", "spring-redis",
            "spring-hazelcast");
    /** Workload name and the share of reads in percent. */
    static final Map<String, Integer> WORKLOADS = workloads();

    private final int sessions;
    private final int connections;
    private final Duration warmup;
    private final Duration measured;
    private List<String> backends = BACKENDS;
    private List<String> workloads = List.copyOf(WORKLOADS.keySet());
    private int rounds = 1;

    private static Map<String, Integer> workloads() {
        Map<String, Integer> w = new LinkedHashMap<>();
        w.put("read-heavy", 95);
        w.put("write-heavy", 50);
        return java.util.Collections.unmodifiableMap(w);
    }

    HttpBenchmark(int sessions, int connections, Duration warmup, Duration measured) {
        this.sessions = sessions;
        this.connections = connections;
        this.warmup = warmup;
        this.measured = measured;
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of("http-report.md");
        int sessions = 1_000;
        int connections = 32;
        int warmup = 5;
        int seconds = 10;
        int rounds = 3;
        List<String> only = BACKENDS;
        List<String> onlyWorkloads = List.copyOf(WORKLOADS.keySet());
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> out = Path.of(args[++i]);
                case "--sessions" -> sessions = Integer.parseInt(args[++i]);
                case "--connections" -> connections = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                case "--backends" -> only = List.of(args[++i].split(","));
                case "--workloads" -> onlyWorkloads = List.of(args[++i].split(","));
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        HttpBenchmark bench = new HttpBenchmark(sessions, connections, Duration.ofSeconds(warmup),
                Duration.ofSeconds(seconds));
        bench.backends = only;
        bench.workloads = onlyWorkloads;
        if (rounds < 1) {
            throw new IllegalArgumentException("--rounds must be at least 1, got " + rounds);
        }
        bench.rounds = rounds;
        List<Result> results = bench.runAll();
        String report = report(results, sessions, connections, warmup, seconds, rounds);
        Files.writeString(out, report);
        chart(results, png(out));
        System.out.println(report);
        // Jetty's and the HTTP client's pools are not daemon threads; the run is over.
        System.exit(0);
    }

    /** One backend under one workload. */
    record Result(String backend, String workload, long requests, long errors, double perSecond, double p50Micros,
                  double p99Micros) {
    }

    /**
     * Every backend and workload, {@code rounds} times, the backends' order rotated each round so that none is
     * always measured on a colder JVM; per backend and workload, the round with the median throughput.
     */
    List<Result> runAll() throws Exception {
        for (String workload : workloads) {
            if (!WORKLOADS.containsKey(workload)) {
                throw new IllegalArgumentException("unknown workload " + workload + "; known: " + WORKLOADS.keySet());
            }
        }
        List<Result> all = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < backends.size(); i++) {
                String backend = backends.get((i + round) % backends.size());
                try (Backend app = Backend.start(backend)) {
                    List<String> cookies = login(app);
                    for (String workload : workloads) {
                        all.add(drive(app, backend, workload, WORKLOADS.get(workload), cookies));
                    }
                }
            }
        }
        List<Result> medians = new ArrayList<>();
        for (String backend : backends) {
            for (String workload : workloads) {
                List<Result> runs = all.stream().filter(r -> r.backend.equals(backend) && r.workload.equals(workload))
                        .sorted(Comparator.comparingDouble(Result::perSecond)).toList();
                medians.add(runs.get(runs.size() / 2));
            }
        }
        return medians;
    }

    private List<String> login(Backend app) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        List<String> cookies = new ArrayList<>();
        for (int n = 0; n < sessions; n++) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(app.uri("/login?n=" + n)).build(),
                    HttpResponse.BodyHandlers.ofString());
            String cookie = r.headers().allValues("Set-Cookie").stream().filter(c -> c.contains("SESSION"))
                    .findFirst().orElseThrow(() -> new IllegalStateException("no session cookie: " + r.headers()));
            cookies.add(cookie.split(";")[0]);
        }
        return cookies;
    }

    private Result drive(Backend app, String backend, String workload, int readPercent, List<String> cookies)
            throws Exception {
        ExecutorService clientThreads = Executors.newFixedThreadPool(4);
        HttpClient http = HttpClient.newBuilder().executor(clientThreads).build();
        AtomicBoolean recording = new AtomicBoolean(false);
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong errors = new AtomicLong();
        List<Histogram> histograms = new ArrayList<>();
        ExecutorService users = Executors.newFixedThreadPool(connections);
        List<Future<Long>> done = new ArrayList<>();
        for (int u = 0; u < connections; u++) {
            Histogram h = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
            histograms.add(h);
            done.add(users.submit(() -> {
                long count = 0;
                ThreadLocalRandom random = ThreadLocalRandom.current();
                while (running.get()) {
                    String cookie = cookies.get(random.nextInt(cookies.size()));
                    String path = random.nextInt(100) < readPercent ? "/read" : "/write";
                    long start = System.nanoTime();
                    try {
                        HttpResponse<String> r = http.send(HttpRequest.newBuilder(app.uri(path))
                                .header("Cookie", cookie).build(), HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() != 200) {
                            throw new IOException(path + " answered " + r.statusCode());
                        }
                        if (recording.get()) {
                            h.recordValue(Math.min(System.nanoTime() - start, h.getHighestTrackableValue()));
                            count++;
                        }
                    } catch (IOException e) {
                        if (recording.get()) {
                            errors.incrementAndGet();
                        }
                    }
                }
                return count;
            }));
        }
        pause(warmup);
        recording.set(true);
        long started = System.nanoTime();
        pause(measured);
        recording.set(false);
        double seconds = (System.nanoTime() - started) / 1e9;
        running.set(false);
        long total = 0;
        for (Future<Long> f : done) {
            total += f.get();
        }
        users.shutdown();
        clientThreads.shutdown();
        Histogram all = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
        histograms.forEach(all::add);
        return new Result(backend, workload, total, errors.get(), total / seconds,
                all.getValueAtPercentile(50) / 1e3, all.getValueAtPercentile(99) / 1e3);
    }

    /** The fixed warm-up and measured periods are the benchmark's clock, not a wait for a condition. */
    private static void pause(Duration d) throws InterruptedException {
        TimeUnit.MILLISECONDS.sleep(d.toMillis());
    }

    static String report(List<Result> results, int sessions, int connections, int warmup, int seconds,
                         int rounds) {
        StringBuilder md = new StringBuilder();
        md.append("Measured ").append(LocalDate.now()).append(" on ").append(Runtime.getRuntime().availableProcessors())
                .append(" cores: ").append(sessions).append(" sessions, ").append(connections)
                .append(" concurrent users, ").append(warmup).append(" s warm-up, ").append(seconds)
                .append(" s measured per backend and workload, median of ").append(rounds)
                .append(" rounds with the backends' order rotated; server, grid members and load driver in one JVM.\n\n")
                .append("| workload | backend | requests/s | × local | p50 µs | p99 µs | errors |\n")
                .append("| --- | --- | ---: | ---: | ---: | ---: | ---: |\n");
        for (String workload : WORKLOADS.keySet()) {
            double local = results.stream().filter(r -> r.workload.equals(workload) && r.backend.equals("local"))
                    .mapToDouble(Result::perSecond).findFirst().orElse(Double.NaN);
            for (Result r : results) {
                if (r.workload.equals(workload)) {
                    md.append(String.format(Locale.ROOT, "| %s | %s | %.0f | %.2f | %.0f | %.0f | %d |%n", workload,
                            r.backend, r.perSecond, r.perSecond / local, r.p50Micros, r.p99Micros, r.errors));
                }
            }
        }
        md.append("\nhazelcast-wm is not in the run: its newest release on Maven Central (5.0) implements"
                + " javax.servlet 4 and has no Jakarta Servlet build, which Jetty 12's ee10 environment needs.\n");
        md.append("\nReproduce: `ops/bench/run-http.sh --sessions ").append(sessions).append(" --connections ")
                .append(connections).append(" --warmup ").append(warmup).append(" --seconds ").append(seconds)
                .append(" --rounds ").append(rounds).append("`\n");
        return md.toString();
    }

    /** The chart beside a report: {@code http.md} gets {@code http.png}. */
    static Path png(Path report) {
        String name = report.getFileName().toString().replaceFirst("\\.md$", "");
        return report.resolveSibling(name + ".png");
    }

    /** Each backend's throughput as a multiple of container-local sessions', per workload. */
    static void chart(List<Result> results, Path png) throws IOException {
        BarChart chart = new BarChart("Throughput × container-local sessions (same application, same run)",
                "× local", "0.00");
        for (String workload : WORKLOADS.keySet()) {
            double local = results.stream().filter(r -> r.workload.equals(workload) && r.backend.equals("local"))
                    .mapToDouble(Result::perSecond).findFirst().orElse(Double.NaN);
            for (Result r : results) {
                if (r.workload.equals(workload)) {
                    chart.add(workload, r.backend, r.perSecond / local);
                }
            }
        }
        chart.writePng(png);
    }

    /** The application in Jetty over one session backend, and the grid it needs. */
    static final class Backend implements AutoCloseable {
        private final Server server = new Server();
        private final ServerConnector connector = new ServerConnector(server);
        private BenchGrid grid;
        private RedisServer redis;
        private SpringSessionPeer spring;
        private SessionStore inProcess;

        private void addFilter(ServletContextHandler context, jakarta.servlet.Filter filter) {
            FilterHolder holder = new FilterHolder(filter);
            holder.setAsyncSupported(true);
            context.addFilter(holder, "/*", EnumSet.of(DispatcherType.REQUEST));
        }

        static Backend start(String name) throws Exception {
            Backend b = new Backend();
            b.connector.setHost("127.0.0.1");
            b.connector.setPort(0);
            b.server.addConnector(b.connector);
            try {
                ServletContextHandler context;
                switch (name) {
                    case "local" -> context = new ServletContextHandler(ServletContextHandler.SESSIONS);
                    case "embedded-sticky", "embedded-validated", "thin-client-sticky", "thin-client-validated",
                         "embedded-sticky-on-set" -> {
                        context = new ServletContextHandler();
                        b.grid = new BenchGrid();
                        SessionGrid mode = name.startsWith("thin-client") ? b.grid.client() : b.grid.member();
                        StoreSettings.Builder settings = StoreSettings.builder().mapName("sessions-http")
                                .readMode(name.contains("-sticky") ? ReadMode.STICKY : ReadMode.VALIDATED);
                        SessionStore store = mode.openStore(settings.build());
                        // The last: Spring Session's default save mode, to show what the in-place check costs.
                        SaveMode save = name.endsWith("on-set") ? SaveMode.ON_SET_ATTRIBUTE : SaveMode.ON_CHANGE;
                        b.addFilter(context, new SessionGridFilter(store,
                                SessionFilterSettings.builder().saveMode(save).build()));
                    }
                    case "in-process" -> {
                        // Our filter over the in-process store: what the filter costs without a grid.
                        context = new ServletContextHandler();
                        b.inProcess = new InProcessSessionStore(StoreSettings.defaults());
                        b.addFilter(context, new SessionGridFilter(b.inProcess, SessionFilterSettings.defaults()));
                    }
                    case "spring-redis" -> {
                        context = new ServletContextHandler();
                        b.redis = RedisServer.start();
                        b.spring = SpringSessionPeer.redis(b.redis.port());
                        b.addFilter(context, b.spring.filter());
                    }
                    case "spring-hazelcast" -> {
                        context = new ServletContextHandler();
                        b.grid = new BenchGrid();
                        b.spring = SpringSessionPeer.hazelcast(b.grid.member().hazelcast());
                        b.addFilter(context, b.spring.filter());
                    }
                    default -> throw new IllegalArgumentException("unknown backend " + name + "; known: " + BACKENDS);
                }
                context.setContextPath("/");
                context.addServlet(new ServletHolder(new ShopServlet()), "/*");
                b.server.setHandler(context);
                b.server.start();
                return b;
            } catch (Exception | Error e) {
                b.close();
                throw e;
            }
        }

        URI uri(String path) {
            return URI.create("http://127.0.0.1:" + connector.getLocalPort() + path);
        }

        @Override
        public void close() throws Exception {
            server.stop();
            if (spring != null) {
                spring.close();
            }
            if (grid != null) {
                grid.close();
            }
            if (redis != null) {
                redis.close();
            }
            if (inProcess != null) {
                inProcess.close();
            }
        }
    }
}
