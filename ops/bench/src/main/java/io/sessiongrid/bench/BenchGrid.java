package io.sessiongrid.bench;

import io.sessiongrid.client.hazelcast.ClientSettings;
import io.sessiongrid.client.hazelcast.MemberSettings;
import io.sessiongrid.client.hazelcast.SessionGrid;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Three grid members in this JVM on 127.0.0.1, on free ports, plus whatever clients the benchmark opens. */
final class BenchGrid implements AutoCloseable {
    private final String cluster = "bench-" + UUID.randomUUID().toString().substring(0, 8);
    private final int[] ports = new int[3];
    private final List<SessionGrid> opened = new ArrayList<>();
    private final List<SessionGrid> members = new ArrayList<>();

    BenchGrid() {
        for (int i = 0; i < ports.length; i++) {
            ports[i] = freePort();
        }
        for (int port : ports) {
            MemberSettings.Builder b = MemberSettings.builder().clusterName(cluster).host("127.0.0.1").port(port)
                    .hazelcastProperty("hazelcast.wait.seconds.before.join", "0")
                    .hazelcastProperty("hazelcast.max.wait.seconds.before.join", "1")
                    .hazelcastProperty("hazelcast.phone.home.enabled", "false");
            for (int p : ports) {
                b.member("127.0.0.1:" + p);
            }
            members.add(SessionGrid.embedded(b.build()));
        }
    }

    /** One of the members: the embedded mode's view. */
    SessionGrid member() {
        return members.get(0);
    }

    SessionGrid client() {
        ClientSettings.Builder b = ClientSettings.builder().clusterName(cluster);
        for (int port : ports) {
            b.address("127.0.0.1:" + port);
        }
        SessionGrid client = SessionGrid.client(b.build());
        opened.add(client);
        return client;
    }

    @Override
    public void close() {
        opened.forEach(SessionGrid::close);
        // Nothing to hand over at the end of a benchmark: stop at once rather than migrate partitions.
        members.forEach(m -> m.hazelcast().getLifecycleService().terminate());
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
