package io.sessiongrid.node.server;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent;
import io.sessiongrid.client.hazelcast.GridConfigs;
import io.sessiongrid.client.hazelcast.MemberSettings;
import io.sessiongrid.node.http.NodeHealth;

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
    private volatile boolean shuttingDown;
    private volatile boolean partitionsSafe;

    private GridNode(HazelcastInstance member) {
        this.member = member;
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
        GridNode node = new GridNode(Hazelcast.newHazelcastInstance(GridConfigs.member(settings)));
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
        return null;
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
            LOG.info("grid-node shutting down gracefully: handing partitions and backups to the other members");
            long started = System.nanoTime();
            member.shutdown();
            LOG.info(() -> "grid-node stopped gracefully after "
                    + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) + " ms");
        }
    }
}
