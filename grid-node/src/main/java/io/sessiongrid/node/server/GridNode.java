package io.sessiongrid.node.server;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent;
import io.sessiongrid.client.hazelcast.GridConfigs;
import io.sessiongrid.client.hazelcast.MemberSettings;
import io.sessiongrid.node.http.NodeHealth;
import io.sessiongrid.node.persistence.DurableSessions;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * One standalone grid member. {@link #close()} shuts it down gracefully: Hazelcast first hands this member's
 * partitions and backups to the others and waits (up to {@code shutdown.max-wait}) until they are safe, so that
 * stopping one member of a grid with backups loses no session. Thread safe.
 */
public final class GridNode implements NodeHealth, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(GridNode.class.getName());
    private static final long SAFETY_CHECK_MILLIS = 500;

    private final HazelcastInstance member;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final ScheduledExecutorService safetyCheck = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread t = new Thread(task, "grid-node-partition-safety");
        t.setDaemon(true);
        return t;
    });
    private final DurableSessions durable;
    private volatile boolean shuttingDown;
    private volatile boolean partitionsSafe;

    private GridNode(HazelcastInstance member, DurableSessions durable) {
        this.member = member;
        this.durable = durable;
        // Hazelcast's safety check asks the backups and can block for seconds while partitions recover from a
        // member's loss; endpoints and metrics read the last answer instead of waiting for it.
        safetyCheck.scheduleWithFixedDelay(this::checkSafety, 0, SAFETY_CHECK_MILLIS, TimeUnit.MILLISECONDS);
        // A shutdown may also come from inside the cluster (gridctl drain): readiness follows the lifecycle too.
        member.getLifecycleService().addLifecycleListener(event -> {
            if (event.getState() == LifecycleEvent.LifecycleState.SHUTTING_DOWN) {
                shuttingDown = true;
            } else if (event.getState() == LifecycleEvent.LifecycleState.SHUTDOWN) {
                stopped.countDown();
            }
        });
        if (!member.getLifecycleService().isRunning()) {
            stopped.countDown();
        }
    }

    /** Starts the member and joins the cluster its settings name; returns once it has joined. */
    public static GridNode start(MemberSettings settings) {
        return start(settings, null);
    }

    /**
     * As {@link #start(MemberSettings)}, with the session maps kept in {@code durable} ({@code null}: memory only);
     * with eager loading, returns once the maps that have rows are loaded.
     */
    public static GridNode start(MemberSettings settings, DurableSessions durable) {
        Config config = GridConfigs.member(settings, durable == null ? null : durable.persistence());
        GridNode node = new GridNode(Hazelcast.newHazelcastInstance(config), durable);
        if (durable != null) {
            try {
                durable.started(node.member, settings);
            } catch (RuntimeException e) {
                node.close();
                throw e;
            }
        }
        LOG.info(() -> "grid-node ready: " + node.member.getCluster().getLocalMember().getAddress() + " in cluster \""
                + settings.clusterName() + "\" of " + node.member.getCluster().getMembers().size() + " member(s)");
        return node;
    }

    public HazelcastInstance member() {
        return member;
    }

    @Override
    public boolean isRunning() {
        return member.getLifecycleService().isRunning();
    }

    @Override
    public String notReadyReason() {
        if (shuttingDown || !isRunning()) {
            return "shutting down";
        }
        if (!member.getCluster().getMembers().contains(member.getCluster().getLocalMember())) {
            return "not joined";
        }
        if (!partitionsSafe) {
            return "partitions not safe: backups are still being copied";
        }
        return durable == null ? null : durable.notReadyReason();
    }

    /**
     * Whether every partition this member holds had its backups in place at the last check (at most half a
     * second ago). Never blocks.
     */
    public boolean partitionsSafe() {
        return partitionsSafe;
    }

    private void checkSafety() {
        boolean safe;
        try {
            safe = member.getLifecycleService().isRunning() && member.getPartitionService().isLocalMemberSafe();
        } catch (RuntimeException stopping) {
            safe = false;
        }
        partitionsSafe = safe;
    }

    /** From now on the node reports not ready, so load balancers and orchestrators stop sending it work. */
    public void beginShutdown() {
        shuttingDown = true;
    }

    /** Blocks until the member has stopped, for whatever reason. */
    public boolean awaitStop(Duration timeout) throws InterruptedException {
        return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        beginShutdown();
        safetyCheck.shutdownNow();
        if (member.getLifecycleService().isRunning()) {
            if (durable != null) {
                durable.flush();
            }
            LOG.info("grid-node shutting down gracefully: handing partitions and backups to the other members");
            long started = System.nanoTime();
            member.shutdown();
            LOG.info(() -> "grid-node stopped gracefully after "
                    + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) + " ms");
        }
    }
}
