package io.sessiongrid.node.testing;

import io.sessiongrid.client.hazelcast.ClientSettings;
import io.sessiongrid.client.hazelcast.SessionGrid;
import io.sessiongrid.client.testing.FreePorts;
import io.sessiongrid.client.testing.LocalCluster;
import io.sessiongrid.node.server.GridNodeMain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/**
 * Grid-nodes as separate JVM processes on 127.0.0.1, one YAML file each, output in a log file per node, and the
 * thin client a test talks to them through. Closing it closes that client and kills, by process id, every process
 * it started that is still alive.
 */
public final class GridNodeProcesses implements AutoCloseable {
    private final String cluster = "proc-" + UUID.randomUUID().toString().substring(0, 8);
    private final int[] ports;
    private final int[] httpPorts;
    private final String drainDelay;
    private final Process[] processes;
    private final Path dir;
    private SessionGrid client;
    private String extraYaml = "";

    public GridNodeProcesses(int count, Path dir) {
        this(count, dir, "0s");
    }

    /** @param drainDelay every node's shutdown.drain-delay; each node also serves its endpoints on http.port */
    public GridNodeProcesses(int count, Path dir, String drainDelay) {
        int[] free = FreePorts.take(2 * count);
        this.ports = Arrays.copyOfRange(free, 0, count);
        this.httpPorts = Arrays.copyOfRange(free, count, 2 * count);
        this.drainDelay = drainDelay;
        this.processes = new Process[count];
        this.dir = dir;
    }

    /** YAML appended to every node's file from now on, such as a {@code persistence:} block. */
    public GridNodeProcesses withYaml(String yaml) {
        this.extraYaml = yaml.endsWith("\n") ? yaml : yaml + "\n";
        return this;
    }

    public Process start(int i) {
        StringBuilder yaml = new StringBuilder("cluster:\n  name: " + cluster + "\nnetwork:\n  host: 127.0.0.1\n"
                + "  port: " + ports[i] + "\nhttp:\n  port: " + httpPorts[i] + "\njoin:\n  members:\n");
        for (int port : ports) {
            yaml.append("    - 127.0.0.1:").append(port).append('\n');
        }
        yaml.append("shutdown:\n  max-wait: 60s\n  drain-delay: " + drainDelay + "\nhazelcast:\n  properties:\n"
                + "    hazelcast.wait.seconds.before.join: 0\n    hazelcast.max.wait.seconds.before.join: 1\n"
                + "    " + LocalCluster.EXPIRY_SWEEP + ": " + LocalCluster.EXPIRY_SWEEP_SECONDS + "\n");
        yaml.append(extraYaml);
        try {
            Path config = Files.writeString(dir.resolve("node" + i + ".yaml"), yaml);
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(Arrays.asList(System.getProperty("grid-node.jvm.flags", "").split(" ")));
            command.addAll(List.of("-Xmx512m", "-cp", System.getProperty("java.class.path"),
                    GridNodeMain.class.getName(), "--config", config.toString()));
            command.removeIf(String::isBlank);
            processes[i] = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("node" + i + ".log").toFile()).start();
            return processes[i];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts every node. */
    public void startAll() {
        for (int i = 0; i < processes.length; i++) {
            start(i);
        }
    }

    /**
     * A thin client of every node, once it sees them all as members; closed with this. Waits up to 90 s, as
     * three JVMs starting at once on two cores can take that long to form a cluster.
     */
    public SessionGrid connect() {
        if (client == null) {
            client = SessionGrid.client(clientSettings().connectTimeout(Duration.ofSeconds(60)).build());
        }
        SessionGrid connected = client;
        await("all " + processes.length + " members").atMost(Duration.ofSeconds(90))
                .until(() -> connected.hazelcast().getCluster().getMembers().size() == processes.length);
        return connected;
    }

    /** A new thin client, after the whole cluster was replaced; the old one is closed. */
    public SessionGrid reconnect() {
        if (client != null) {
            client.close();
            client = null;
        }
        return connect();
    }

    /** Base URL of node i's health and metrics endpoints. */
    public String endpoints(int i) {
        return "http://127.0.0.1:" + httpPorts[i];
    }

    public String memberAddress(int i) {
        return "127.0.0.1:" + ports[i];
    }

    public String clusterName() {
        return cluster;
    }

    public Process process(int i) {
        return processes[i];
    }

    public String log(int i) {
        try {
            return Files.readString(dir.resolve("node" + i + ".log"));
        } catch (IOException e) {
            return "";
        }
    }

    public ClientSettings.Builder clientSettings() {
        ClientSettings.Builder b = ClientSettings.builder().clusterName(cluster);
        for (int port : ports) {
            b.address("127.0.0.1:" + port);
        }
        return b;
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
        }
        for (Process p : processes) {
            if (p != null && p.isAlive()) {
                p.destroyForcibly();
            }
        }
    }
}
