package io.sessiongrid.client.testing;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.sessiongrid.client.hazelcast.ClientSettings;
import io.sessiongrid.client.hazelcast.GridConfigs;
import io.sessiongrid.client.hazelcast.MemberSettings;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/**
 * Real Hazelcast members in this JVM on 127.0.0.1, each on a free port, in a cluster of their own name, built with
 * the same {@link GridConfigs} as a grid-node. Closing it shuts down every member it started.
 */
public final class LocalCluster implements AutoCloseable {
    /**
     * Hazelcast property for how often an owner sweeps its partitions for expired entries; 5 s unless set. Every
     * test member (these and {@code GridNodeProcesses}) sets it to {@link #EXPIRY_SWEEP_SECONDS}, so a test that
     * waits for an expiry event waits for the session's idle time and not mostly for the next sweep; what an expiry
     * does is the same either way.
     */
    public static final String EXPIRY_SWEEP = "hazelcast.internal.map.expiration.task.period.seconds";
    public static final String EXPIRY_SWEEP_SECONDS = "1";

    private final String clusterName = "test-" + UUID.randomUUID().toString().substring(0, 8);
    private final int[] ports;
    private final List<HazelcastInstance> members = new ArrayList<>();

    /** Reserves ports for {@code size} members and starts {@code started} of them. */
    public LocalCluster(int size, int started) {
        this.ports = FreePorts.take(size);
        for (int i = 0; i < started; i++) {
            start(i);
        }
        awaitSize(started);
    }

    public LocalCluster(int size) {
        this(size, size);
    }

    /** Settings for the member on the i-th reserved port; every reserved port is in its join list. */
    public MemberSettings.Builder memberSettings(int i) {
        MemberSettings.Builder b = MemberSettings.builder().clusterName(clusterName).host("127.0.0.1")
                .port(ports[i])
                .hazelcastProperty("hazelcast.wait.seconds.before.join", "0")
                .hazelcastProperty("hazelcast.max.wait.seconds.before.join", "1")
                .hazelcastProperty("hazelcast.partition.migration.interval", "0")
                .hazelcastProperty(EXPIRY_SWEEP, EXPIRY_SWEEP_SECONDS)
                .hazelcastProperty("hazelcast.graceful.shutdown.max.wait", "60");
        for (int port : ports) {
            b.member("127.0.0.1:" + port);
        }
        return b;
    }

    public HazelcastInstance start(int i) {
        HazelcastInstance member = Hazelcast.newHazelcastInstance(GridConfigs.member(memberSettings(i).build()));
        members.add(member);
        return member;
    }

    public ClientSettings.Builder clientSettings() {
        ClientSettings.Builder b = ClientSettings.builder().clusterName(clusterName);
        for (int i = 0; i < Math.min(ports.length, 3); i++) {
            b.address("127.0.0.1:" + ports[i]);
        }
        return b;
    }

    public List<HazelcastInstance> members() {
        return members;
    }

    public String clusterName() {
        return clusterName;
    }

    public int port(int i) {
        return ports[i];
    }

    public void awaitSize(int size) {
        await("cluster of " + size).until(() -> members.stream()
                .filter(m -> m.getLifecycleService().isRunning())
                .allMatch(m -> m.getCluster().getMembers().size() == size));
    }

    @Override
    public void close() {
        members.forEach(m -> {
            if (m.getLifecycleService().isRunning()) {
                m.getLifecycleService().terminate();
            }
        });
    }
}
