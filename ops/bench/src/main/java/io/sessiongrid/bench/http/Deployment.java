package io.sessiongrid.bench.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.sessiongrid.node.testing.PostgresServer;

/**
 * The processes of one {@link Topology}, started on 127.0.0.1 with free ports and stopped by their process ids:
 * a PostgreSQL server where the grid-nodes persist, grid-nodes (each ready on {@code /health/ready}), a
 * redis-server, then the application (ready when it prints its port). Closing it stops the application first, then
 * the rest.
 */
final class Deployment implements AutoCloseable {
    private final List<ServerProcess> servers = new ArrayList<>();
    private PostgresServer postgres;
    private ServerProcess app;
    private int appPort;

    private Deployment() {
    }

    static Deployment start(Topology topology, Launcher launcher) {
        Deployment d = new Deployment();
        try {
            d.startAll(topology, launcher);
            return d;
        } catch (RuntimeException e) {
            d.close();
            throw e;
        }
    }

    private void startAll(Topology topology, Launcher launcher) {
        String cluster = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        int[] ports = freePorts(2 * topology.gridNodes() + 2);
        List<String> members = new ArrayList<>();
        for (int i = 0; i < topology.gridNodes(); i++) {
            members.add("127.0.0.1:" + ports[i]);
        }
        int memberPort = ports[2 * topology.gridNodes()];
        List<String> join = new ArrayList<>(members);
        if (topology.appIsMember()) {
            join.add("127.0.0.1:" + memberPort);
        }
        String persistence = "";
        if (topology.postgres()) {
            postgres = PostgresServer.startDurable();
            servers.add(ServerProcess.adopt("postgres", postgres.process()));
            persistence = "persistence:\n  mode: " + topology.persistence() + "\n  jdbc-url: " + postgres.jdbcUrl()
                    + "\n  username: " + postgres.username() + "\n";
        }
        for (int i = 0; i < topology.gridNodes(); i++) {
            int http = ports[topology.gridNodes() + i];
            Path config = write(launcher.dir().resolve(topology.name() + "-node" + i + ".yaml"), nodeYaml(cluster,
                    ports[i], http, join, topology.nodeProperties()) + persistence);
            ServerProcess node = launcher.java("node-" + i, "io.sessiongrid.node.server.GridNodeMain",
                    List.of("--config", config.toString()), false);
            servers.add(node);
        }
        for (int i = 0; i < topology.gridNodes(); i++) {
            int http = ports[topology.gridNodes() + i];
            servers.get(i).awaitReady(() -> status("http://127.0.0.1:" + http + "/health/ready") == 200, 120);
        }
        int redisPort = ports[2 * topology.gridNodes() + 1];
        if (topology.redis()) {
            ServerProcess redis = ServerProcess.start("redis", List.of("redis-server", "--bind", "127.0.0.1",
                    "--port", String.valueOf(redisPort), "--save", "", "--appendonly", "no", "--daemonize", "no",
                    "--protected-mode", "yes"), launcher.dir().resolve(topology.name() + "-redis.log"));
            servers.add(redis);
            redis.awaitReady(() -> redis.readyLine() != null, 30);
        }
        Topology.Started started = new Topology.Started(cluster, members, memberPort, redisPort);
        List<String> args = new ArrayList<>(topology.appArgs().apply(started));
        if (topology.boot()) {
            args.add("--server.port=0");
            app = launcher.bootApplication(args, topology.appProperties());
        } else {
            args.addAll(List.of("--port", "0"));
            app = launcher.java("app", BenchApp.class.getName(), args, true, topology.appProperties());
        }
        servers.add(app);
        app.awaitReady(() -> app.readyLine() != null, 120);
        appPort = Integer.parseInt(app.readyLine().substring("READY ".length()).trim());
    }

    private static String nodeYaml(String cluster, int port, int http, List<String> join,
                                   Map<String, String> properties) {
        StringBuilder yaml = new StringBuilder("cluster:\n  name: " + cluster + "\nnetwork:\n  host: 127.0.0.1\n"
                + "  port: " + port + "\nhttp:\n  port: " + http + "\nsession-map:\n  names: \"sessions*\"\n"
                + "join:\n  members:\n");
        for (String member : join) {
            yaml.append("    - ").append(member).append('\n');
        }
        yaml.append("shutdown:\n  max-wait: 5s\nlogging:\n  level: warning\nhazelcast:\n  properties:\n"
                + "    hazelcast.wait.seconds.before.join: 0\n    hazelcast.max.wait.seconds.before.join: 1\n");
        properties.forEach((name, value) -> yaml.append("    ").append(name).append(": ").append(value).append('\n'));
        return yaml.toString();
    }

    ServerProcess app() {
        return app;
    }

    int appPort() {
        return appPort;
    }

    /** Every server process: grid-nodes, redis-server, the application. */
    List<ServerProcess> servers() {
        return List.copyOf(servers);
    }

    private static int status(String url) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static Path write(Path file, String text) {
        try {
            return Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int[] freePorts(int count) {
        List<ServerSocket> held = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
                held.add(s);
                ports[i] = s.getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (ServerSocket s : held) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // a free port it was
                }
            }
        }
    }

    @Override
    public void close() {
        if (app != null) {
            app.close();
        }
        for (int i = servers.size() - 1; i >= 0; i--) {
            if (!servers.get(i).role().equals("postgres")) {
                servers.get(i).close();
            }
        }
        if (postgres != null) {
            postgres.close();
        }
    }
}
