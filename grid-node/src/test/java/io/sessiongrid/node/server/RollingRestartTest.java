package io.sessiongrid.node.server;

import io.sessiongrid.client.api.Session;
import io.sessiongrid.client.api.SessionChanges;
import io.sessiongrid.client.api.SessionId;
import io.sessiongrid.client.api.SessionStore;
import io.sessiongrid.client.api.StoreSettings;
import io.sessiongrid.client.hazelcast.SessionGrid;
import io.sessiongrid.node.testing.GridNodeProcesses;
import io.sessiongrid.node.testing.NodeScrape;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The documented rolling restart, on three grid-node JVMs: for each member in turn, SIGTERM (graceful hand-over),
 * wait for the process to exit, start it again, wait until every member answers ready. A thin client keeps
 * reading and writing throughout: no session may be lost, no operation may fail, and every write must be
 * readable afterwards. The default run restarts one member, the oldest (the cluster's master, which also hands
 * over the cluster's coordination), with 2,000 sessions; {@code -Plong} restarts each member in turn, three rounds, with 20,000
 * (see docs/operations.md, rolling restart). Every member in turn is also restarted under HTTP load by
 * ops/reliability's MemberFaultsUnderLoadTest, with {@code -Plong}.
 */
class RollingRestartTest {
    private static final int SESSIONS = Integer.getInteger("rolling-restart.sessions", 2_000);
    private static final int ROUNDS = Integer.getInteger("rolling-restart.rounds", 1);
    private static final int RESTARTED = Integer.getInteger("rolling-restart.members", 1);
    private static final int WORKERS = 4;

    @TempDir
    Path dir;
    private GridNodeProcesses nodes;

    @AfterEach
    void stopEverything() {
        if (nodes != null) {
            nodes.close();
        }
    }

    @Test
    void restartingMembersOneAtATimeLosesNothingAndFailsNothing() throws Exception {
        nodes = new GridNodeProcesses(3, dir);
        nodes.startAll();
        awaitAllReady();
        SessionGrid grid = nodes.connect();
        int oldest = indexOfOldestMember(grid);
        SessionStore store = grid.openStore(StoreSettings.defaults());
        List<SessionId> ids = new ArrayList<>();
        for (int i = 0; i < SESSIONS; i++) {
            ids.add(store.create(SessionChanges.builder().set("n", 0).set("owner", "u" + i).build()).id());
        }
        Map<SessionId, Integer> lastWritten = new ConcurrentHashMap<>();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong operations = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        AtomicReference<Throwable> firstFailure = new AtomicReference<>();
        ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < WORKERS; w++) {
            int worker = w;
            workers.add(pool.submit(() -> {
                int value = 0;
                while (running.get()) {
                    // Each worker writes only its own slice, so the last value it wrote is the one to read back.
                    int index = worker + WORKERS * ThreadLocalRandom.current().nextInt(SESSIONS / WORKERS);
                    SessionId id = ids.get(index);
                    try {
                        Session s = store.find(id).orElseThrow(() -> new AssertionError("session lost: " + id.key()));
                        Integer expected = lastWritten.get(id);
                        if (expected != null && !expected.equals(s.attribute("n"))) {
                            throw new AssertionError("stale or lost write on " + id.key() + ": wrote " + expected
                                    + ", read " + s.attribute("n"));
                        }
                        store.apply(id, SessionChanges.builder().set("n", ++value).build());
                        lastWritten.put(id, value);
                        operations.addAndGet(2);
                    } catch (RuntimeException | AssertionError e) {
                        failures.incrementAndGet();
                        firstFailure.compareAndSet(null, e);
                    }
                }
            }));
        }
        try {
            for (int round = 0; round < ROUNDS; round++) {
                for (int k = 0; k < RESTARTED; k++) {
                    int i = (oldest + k) % 3;
                    long before = operations.get();
                    nodes.process(i).destroy();
                    assertTrue(nodes.process(i).waitFor(90, TimeUnit.SECONDS), "SIGTERM stops node " + i);
                    assertEquals(143, nodes.process(i).exitValue(), "graceful exit of node " + i);
                    nodes.start(i);
                    awaitAllReady();
                    long during = operations.get() - before;
                    assertTrue(during > 0, "the load kept running while node " + i + " restarted");
                }
            }
        } finally {
            running.set(false);
            pool.shutdown();
            assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS));
        }
        for (Future<?> w : workers) {
            w.get();
        }
        Throwable first = firstFailure.get();
        assertEquals(0, failures.get(), "failed operations out of " + operations.get() + "; first: " + first);

        int lost = 0;
        for (SessionId id : ids) {
            Session s = store.find(id).orElse(null);
            Integer expected = lastWritten.getOrDefault(id, 0);
            if (s == null || !expected.equals(s.attribute("n"))) {
                lost++;
            }
        }
        assertEquals(0, lost, "sessions lost or rolled back");
        assertEquals(SESSIONS, store.count());
        assertTrue(operations.get() > 0);
        System.out.printf("rolling restart: %d rounds of %d members, %d sessions, %d operations, 0 failed, 0 lost%n",
                ROUNDS, RESTARTED, SESSIONS, operations.get());
    }

    /** Hazelcast lists members oldest first, the same on every member; the first is the master. */
    private int indexOfOldestMember(SessionGrid grid) {
        int port = grid.hazelcast().getCluster().getMembers().iterator().next().getAddress().getPort();
        String oldest = "127.0.0.1:" + port;
        for (int i = 0; i < 3; i++) {
            if (nodes.memberAddress(i).equals(oldest)) {
                return i;
            }
        }
        throw new AssertionError("the oldest member " + oldest + " is none of the started nodes");
    }

    private void awaitAllReady() {
        for (int i = 0; i < 3; i++) {
            NodeScrape node = new NodeScrape(nodes.endpoints(i));
            await("node " + i + " ready").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                    .until(() -> node.status("/health/ready") == 200);
        }
        await("three members, all ready").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                .until(() -> allReadyAndThree());
    }

    private boolean allReadyAndThree() throws Exception {
        for (int i = 0; i < 3; i++) {
            NodeScrape node = new NodeScrape(nodes.endpoints(i));
            if (node.status("/health/ready") != 200 || node.metric("sessiongrid_members") != 3) {
                return false;
            }
        }
        return true;
    }
}
