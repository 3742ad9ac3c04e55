package io.sessiongrid.client.testing;

import io.sessiongrid.client.hazelcast.SessionGrid;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * One three-member grid for the whole test run, reached in all three modes: member 0 is an embedded
 * {@link SessionGrid}, members 1 and 2 are plain members (member 1 is also wrapped), and two thin clients connect
 * to them. Tests share it by giving each store a map of its own ({@link #nextMapName}). It is closed when the run
 * ends. Tests that stop members start a {@link LocalCluster} of their own instead.
 */
public final class SharedGrid implements ExtensionContext.Store.CloseableResource {
    private final LocalCluster cluster = new LocalCluster(3, 0);
    private final SessionGrid embedded;
    private final SessionGrid wrapped;
    private final SessionGrid clientA;
    private final SessionGrid clientB;
    private final AtomicInteger maps = new AtomicInteger();

    private SharedGrid() {
        embedded = SessionGrid.embedded(cluster.memberSettings(0).build());
        cluster.members().add(embedded.hazelcast());
        wrapped = SessionGrid.wrap(cluster.start(1));
        cluster.start(2);
        cluster.awaitSize(3);
        clientA = SessionGrid.client(cluster.clientSettings().build());
        clientB = SessionGrid.client(cluster.clientSettings().build());
    }

    public static SharedGrid in(ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(SharedGrid.class, k -> new SharedGrid(), SharedGrid.class);
    }

    public SessionGrid embedded() {
        return embedded;
    }

    public SessionGrid wrapped() {
        return wrapped;
    }

    public SessionGrid clientA() {
        return clientA;
    }

    public SessionGrid clientB() {
        return clientB;
    }

    public LocalCluster cluster() {
        return cluster;
    }

    /** A map name no other test uses, covered by the default {@code sessions*} configuration. */
    public String nextMapName() {
        return "sessions-t" + maps.incrementAndGet();
    }

    @Override
    public void close() {
        clientA.close();
        clientB.close();
        cluster.close();
    }
}
