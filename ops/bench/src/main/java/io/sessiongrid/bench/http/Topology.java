package io.sessiongrid.bench.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One way to run the application with its session store, as processes: the application JVM, {@code gridNodes}
 * grid-node JVMs, and a redis-server when {@code redis}. {@code appArgs} makes the application's arguments from
 * what was started (member addresses, the cluster name, ports); {@code persistence} other than {@code off} gives the
 * grid-nodes that {@code persistence.mode} over a PostgreSQL server of their own; {@code nodeProperties} are
 * Hazelcast properties added to each grid-node's file and {@code appProperties} system properties of the application
 * JVM (where its Hazelcast client or member reads them), to compare a tuning with the default in one run. The
 * application is the Jetty one ({@link BenchApp}), or with {@code boot} the Spring Boot one (module bench-boot) that
 * serves the same paths, as a servlet or a WebFlux application.
 */
record Topology(String name, String title, String cookie, int gridNodes, boolean redis, boolean appIsMember,
                Function<Started, List<String>> appArgs, boolean boot, String persistence,
                Map<String, String> nodeProperties, Map<String, String> appProperties) {

    Topology(String name, String title, String cookie, int gridNodes, boolean redis, boolean appIsMember,
             Function<Started, List<String>> appArgs) {
        this(name, title, cookie, gridNodes, redis, appIsMember, appArgs, false);
    }

    Topology(String name, String title, String cookie, int gridNodes, boolean redis, boolean appIsMember,
             Function<Started, List<String>> appArgs, boolean boot) {
        this(name, title, cookie, gridNodes, redis, appIsMember, appArgs, boot, "off", Map.of(), Map.of());
    }

    /** Whether the grid-nodes keep their sessions in a PostgreSQL server the deployment starts. */
    boolean postgres() {
        return !persistence.equals("off");
    }

    /** What a deployment started before the application: its choices of names and ports. */
    record Started(String cluster, List<String> members, int memberPort, int redisPort) {
        String membersArg() {
            return String.join(",", members);
        }
    }

    /** Makes bench-boot's jar run its WebFlux application on Reactor Netty. */
    private static final String REACTIVE = "--spring.main.web-application-type=reactive";

    static final List<Topology> ALL = List.of(
            new Topology("local", "Jetty local sessions", "JSESSIONID", 0, false, false,
                    s -> List.of("--backend", "local")),
            new Topology("hazelcast-wm", "hazelcast-wm 5.0, sticky, 1 embedded member", "hazelcast.sessionId", 0,
                    false, true, s -> List.of("--backend", "hazelcast-wm", "--cluster", s.cluster(),
                    "--member-port", String.valueOf(s.memberPort()))),
            new Topology("spring-redis", "Spring Session Data Redis + redis-server", "SESSION", 0, true, false,
                    s -> List.of("--backend", "spring-redis", "--redis-port", String.valueOf(s.redisPort()))),
            new Topology("spring-hazelcast", "Spring Session Hazelcast, 1 embedded member", "SESSION", 0, false, true,
                    s -> List.of("--backend", "spring-hazelcast", "--cluster", s.cluster(),
                    "--member-port", String.valueOf(s.memberPort()))),
            ours("embedded-sticky", "ours, 1 embedded member, STICKY", 0, "embedded", "sticky"),
            ours("embedded-validated", "ours, 1 embedded member, VALIDATED", 0, "embedded", "validated"),
            ours("client1-sticky", "ours, thin client of 1 grid-node, STICKY", 1, "client", "sticky"),
            ours("client1-validated", "ours, thin client of 1 grid-node, VALIDATED", 1, "client", "validated"),
            ours("client1-write-through", "ours, thin client of 1 grid-node, STICKY, write-through to PostgreSQL", 1,
                    "client", "sticky", "write-through"),
            ours("client1-write-behind", "ours, thin client of 1 grid-node, STICKY, write-behind to PostgreSQL", 1,
                    "client", "sticky", "write-behind"),
            ours("member+2-sticky", "ours, app member + 2 grid-nodes, STICKY", 2, "embedded", "sticky"),
            ours("client3-sticky", "ours, thin client of 3 grid-nodes, STICKY", 3, "client", "sticky"),
            ours("client3-validated", "ours, thin client of 3 grid-nodes, VALIDATED", 3, "client", "validated"),
            ours("client3-validated-io1", "ours, thin client of 3 grid-nodes, VALIDATED, 1 I/O thread of each kind",
                    3, "client", "validated", "off", Map.of("hazelcast.io.thread.count", "1")),
            ours("client3-validated-rt0", "ours, thin client of 3 grid-nodes, VALIDATED, responses on the I/O threads",
                    3, "client", "validated", "off", Map.of("hazelcast.operation.response.thread.count", "0")),
            ours("client3-validated-wt", "ours, thin client of 3 grid-nodes, VALIDATED, calls written by the"
                    + " calling thread", 3, "client", "validated", "off", Map.of("hazelcast.concurrent.window.ms", "0"),
                    Map.of("hazelcast.client.concurrent.window.ms", "0")),
            ours("client3-validated-wtn", "ours, thin client of 3 grid-nodes, VALIDATED, grid-nodes' answers written"
                    + " by the calling thread", 3, "client", "validated", "off",
                    Map.of("hazelcast.concurrent.window.ms", "0")),
            ours("client5-validated", "ours, thin client of 5 grid-nodes, VALIDATED", 5, "client", "validated"),
            new Topology("boot-spring-redis", "Spring Boot app, Spring Session Data Redis + redis-server", "SESSION",
                    0, true, false, s -> List.of("--spring.profiles.active=redis",
                    "--spring.data.redis.port=" + s.redisPort()), true),
            new Topology("boot-ours-client1", "Spring Boot app, our starter, thin client of 1 grid-node, STICKY",
                    "GRIDSESSION", 1, false, false, s -> List.of("--spring.profiles.active=grid",
                    "--sessiongrid.cluster.name=" + s.cluster(), "--sessiongrid.client.addresses=" + s.membersArg(),
                    "--sessiongrid.session.read-mode=sticky"), true),
            new Topology("webflux-spring-redis", "WebFlux app, Spring Session Data Redis (reactive) + redis-server",
                    "SESSION", 0, true, false, s -> List.of(REACTIVE, "--spring.profiles.active=redis",
                    "--spring.data.redis.port=" + s.redisPort()), true),
            new Topology("webflux-ours-client1", "WebFlux app, our reactive repository, thin client of 1 grid-node,"
                    + " STICKY", "GRIDSESSION", 1, false, false, s -> List.of(REACTIVE, "--spring.profiles.active=grid",
                    "--sessiongrid.cluster.name=" + s.cluster(), "--sessiongrid.client.addresses=" + s.membersArg(),
                    "--sessiongrid.session.read-mode=sticky"), true));

    private static Topology ours(String name, String title, int nodes, String mode, String readMode) {
        return ours(name, title, nodes, mode, readMode, "off");
    }

    private static Topology ours(String name, String title, int nodes, String mode, String readMode,
                                 String persistence) {
        return ours(name, title, nodes, mode, readMode, persistence, Map.of());
    }

    private static Topology ours(String name, String title, int nodes, String mode, String readMode,
                                 String persistence, Map<String, String> nodeProperties) {
        return ours(name, title, nodes, mode, readMode, persistence, nodeProperties, Map.of());
    }

    private static Topology ours(String name, String title, int nodes, String mode, String readMode,
                                 String persistence, Map<String, String> nodeProperties,
                                 Map<String, String> appProperties) {
        return new Topology("ours-" + name, title, "GRIDSESSION", nodes, false, mode.equals("embedded"), s -> {
            List<String> args = new ArrayList<>(List.of("--backend", "ours", "--mode", mode, "--read-mode", readMode,
                    "--cluster", s.cluster()));
            if (!s.members().isEmpty()) {
                args.addAll(List.of("--members", s.membersArg()));
            }
            if (mode.equals("embedded")) {
                args.addAll(List.of("--member-port", String.valueOf(s.memberPort())));
            }
            return args;
        }, false, persistence, nodeProperties, appProperties);
    }

    /** What a topology's name ends with to run the baseline build's application and grid-nodes. */
    static final String BASELINE = "@baseline";

    /** Whether this row runs the baseline build (another commit's benchmark jar) instead of this one. */
    boolean baseline() {
        return name.endsWith(BASELINE);
    }

    /** The name of the row this one is the baseline of, or its own name. */
    String plainName() {
        return baseline() ? name.substring(0, name.length() - BASELINE.length()) : name;
    }

    /**
     * The topologies by name; {@code NAME@baseline} is NAME run from the baseline build, so that two builds are
     * measured in one run. The Spring Boot rows run their own jar and have no baseline.
     */
    static List<Topology> named(List<String> names) {
        Map<String, Topology> byName = ALL.stream().collect(Collectors.toMap(Topology::name, t -> t));
        List<Topology> chosen = new ArrayList<>();
        for (String name : names) {
            boolean baseline = name.endsWith(BASELINE);
            String plain = baseline ? name.substring(0, name.length() - BASELINE.length()) : name;
            Topology t = byName.get(plain);
            if (t == null) {
                throw new IllegalArgumentException("unknown topology " + name + "; known: "
                        + ALL.stream().map(Topology::name).toList() + ", each also as NAME" + BASELINE);
            }
            if (baseline && t.boot()) {
                throw new IllegalArgumentException(name + ": a Spring Boot row runs its own jar and has no baseline;"
                        + " baselines are for the Jetty application and the grid-nodes");
            }
            chosen.add(baseline ? new Topology(name, t.title() + ", baseline build", t.cookie(), t.gridNodes(),
                    t.redis(), t.appIsMember(), t.appArgs(), false, t.persistence(), t.nodeProperties(),
                    t.appProperties()) : t);
        }
        return chosen;
    }
}
