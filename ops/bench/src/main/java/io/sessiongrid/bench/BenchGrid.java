package io.sessiongrid.bench;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import io.sessiongrid.client.hazelcast.ClientSettings;
import io.sessiongrid.client.hazelcast.GridConfigs;
import io.sessiongrid.client.hazelcast.MemberSettings;
import io.sessiongrid.client.hazelcast.SessionGrid;


import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Grid members (three unless told) in this JVM on 127.0.0.1, on free ports, plus whatever clients the benchmark
 * opens. The members also carry the configuration of the Spring Session Hazelcast peer, so both run on the same grid.
 */
final class BenchGrid implements AutoCloseable {
    private final String cluster = "bench-" + UUID.randomUUID().toString().substring(0, 8);
    private final int[] ports;
    private final List<SessionGrid> opened = new ArrayList<>();
    private final List<SessionGrid> members = new ArrayList<>();

    BenchGrid() {
        this(3);
    }

    /** {@code count} members, each session map with one backup (which needs a second member to exist). */
    BenchGrid(int count) {
        ports = new int[count];
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
            Config config = GridConfigs.member(b.build());
            SpringSessionPeer.configureMember(config);
            members.add(SessionGrid.wrap(Hazelcast.newHazelcastInstance(config)));
        }
    }

    List<SessionGrid> members() {
        return List.copyOf(members);
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
