package io.sessiongrid.node.persistence;

import io.sessiongrid.client.api.Session;
import io.sessiongrid.client.api.SessionChanges;
import io.sessiongrid.client.api.SessionId;
import io.sessiongrid.client.api.SessionInfo;
import io.sessiongrid.client.api.SessionStore;
import io.sessiongrid.client.api.StoreSettings;
import io.sessiongrid.client.hazelcast.SessionGrid;
import io.sessiongrid.node.testing.GridNodeProcesses;
import io.sessiongrid.node.testing.PostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Three grid-node processes over one real PostgreSQL server: a full-cluster restart, and {@code kill -9} of every
 * member under write load, in both persistence modes. The default build runs the write-through crash; the long profile
 * ({@code mvn -Plong -pl grid-node -am verify}) adds the restart of 10,000 sessions and the write-behind crash, whose
 * loss it prints.
 */
class DurableClusterProcessTest {
    private static final int SESSIONS = Integer.getInteger("durable.sessions", 10_000);
    private static final String LONG = "durable.long";
    private static PostgresServer postgres;

    @BeforeAll
    static void startDatabase() {
        postgres = PostgresServer.start();
    }

    @AfterAll
    static void stopDatabase() {
        if (postgres != null) {
            postgres.close();
        }
    }

    private static void emptyDatabase() throws SQLException {
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(), postgres.username(), "");
             Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS sessiongrid_sessions, sessiongrid_schema_history");
        }
    }

    private static String persistenceYaml(String mode) {
        return "persistence:\n  mode: " + mode + "\n  jdbc-url: " + postgres.jdbcUrl() + "\n  username: "
                + postgres.username() + "\n" + (mode.equals("write-behind") ? "  write-delay: 1s\n" : "");
    }

    private static SessionStore store(SessionGrid grid) {
        return grid.openStore(StoreSettings.builder().build());
    }

    @Test
    @EnabledIfSystemProperty(named = LONG, matches = "true")
    void tenThousandSessionsSurviveAFullClusterRestart(@TempDir Path dir) throws Exception {
        emptyDatabase();
        try (GridNodeProcesses nodes = new GridNodeProcesses(3, dir).withYaml(persistenceYaml("write-through"))) {
            nodes.startAll();
            SessionStore store = store(nodes.connect());
            List<SessionId> ids = createInParallel(store, SESSIONS);
            SessionInfo sample = store.describe(ids.get(17).key()).orElseThrow();

            for (int i = 0; i < 3; i++) {
                nodes.process(i).destroy();
            }
            for (int i = 0; i < 3; i++) {
                assertTrue(nodes.process(i).waitFor(90, java.util.concurrent.TimeUnit.SECONDS), "node " + i + " stops");
            }
            nodes.startAll();
            SessionStore after = store(nodes.reconnect());
            AtomicInteger expiries = new AtomicInteger();
            after.addExpiryListener(s -> expiries.incrementAndGet());
            long restarted = System.nanoTime();
            await("every session loaded").atMost(Duration.ofSeconds(120)).until(() -> after.count() == SESSIONS);
            System.out.println(SESSIONS + " sessions back " + java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(
                    System.nanoTime() - restarted) + " ms after the client reached the restarted cluster");
            // Before any read: a read may touch the session, moving its last access to now.
            SessionInfo back = after.describe(ids.get(17).key()).orElseThrow();
            assertEquals(sample.lastAccessedAt(), back.lastAccessedAt());
            assertEquals(sample.expiresAt(), back.expiresAt(), "the remaining idle time continues from before");
            int missing = 0;
            for (int i = 0; i < ids.size(); i++) {
                Session s = after.find(ids.get(i)).orElse(null);
                if (s == null || !Integer.valueOf(i).equals(s.attribute("n"))) {
                    missing++;
                }
            }
            assertEquals(0, missing, "sessions lost or changed by the restart");
            assertEquals(0, expiries.get(), "no expiry event for a reloaded session");
        }
    }

    @Test
    void killingEveryMemberUnderWriteLoadLosesNoAcknowledgedWriteThrough(@TempDir Path dir) throws Exception {
        Loss loss = killAllUnderLoad(dir, "write-through");
        System.out.println("write-through, kill -9 of 3 members under load: " + loss);
        assertEquals(0, loss.lost, "acknowledged writes lost with write-through: " + loss);
    }

    @Test
    @EnabledIfSystemProperty(named = LONG, matches = "true")
    void killingEveryMemberUnderWriteLoadLosesAtMostTheWriteDelayBehind(@TempDir Path dir) throws Exception {
        Loss loss = killAllUnderLoad(dir, "write-behind");
        System.out.println("write-behind, write-delay 1s, kill -9 of 3 members under load: " + loss);
        // The delay, plus the time a batch takes to reach the database and the kill itself.
        assertTrue(loss.oldestLostAgeMillis <= 3_000, "a write older than the delay was lost: " + loss);
    }

    /** What a kill -9 of every member lost: sessions whose last acknowledged write is missing, and its age. */
    private record Loss(int writes, int lost, long oldestLostAgeMillis) {
    }

    private Loss killAllUnderLoad(Path dir, String mode) throws Exception {
        emptyDatabase();
        int sessions = 200;
        try (GridNodeProcesses nodes = new GridNodeProcesses(3, dir).withYaml(persistenceYaml(mode))) {
            nodes.startAll();
            SessionStore store = store(nodes.connect());
            List<SessionId> ids = createInParallel(store, sessions);
            AtomicLongArray acknowledged = new AtomicLongArray(sessions);
            AtomicLongArray acknowledgedAt = new AtomicLongArray(sessions);
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicInteger writes = new AtomicInteger();
            ExecutorService writers = Executors.newFixedThreadPool(8);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int first = t;
                done.add(writers.submit(() -> {
                    long[] next = new long[sessions];
                    while (running.get()) {
                        for (int i = first; i < sessions && running.get(); i += 8) {
                            try {
                                store.apply(ids.get(i), SessionChanges.builder().set("n", (int) ++next[i]).build());
                                acknowledged.set(i, next[i]);
                                acknowledgedAt.set(i, System.currentTimeMillis());
                                writes.incrementAndGet();
                            } catch (RuntimeException gridGone) {
                                next[i]--;
                            }
                        }
                    }
                }));
            }
            await("writes under way").atMost(Duration.ofSeconds(60)).until(() -> writes.get() > 2_000);
            long killedAt = System.currentTimeMillis();
            for (int i = 0; i < 3; i++) {
                nodes.process(i).destroyForcibly();
            }
            for (int i = 0; i < 3; i++) {
                nodes.process(i).waitFor();
            }
            running.set(false);
            for (Future<?> f : done) {
                f.get();
            }
            writers.shutdown();

            nodes.startAll();
            SessionStore after = store(nodes.reconnect());
            await("the sessions are loaded").atMost(Duration.ofSeconds(120)).until(() -> after.count() == sessions);
            int lost = 0;
            long oldest = 0;
            for (int i = 0; i < sessions; i++) {
                Object n = after.find(ids.get(i)).orElseThrow().attribute("n");
                long stored = n == null ? 0 : ((Integer) n).longValue();
                if (stored < acknowledged.get(i)) {
                    lost++;
                    oldest = Math.max(oldest, killedAt - acknowledgedAt.get(i));
                }
            }
            return new Loss(writes.get(), lost, oldest);
        }
    }

    private static List<SessionId> createInParallel(SessionStore store, int count) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<SessionId>> created = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                created.add(pool.submit(() -> store.create(SessionChanges.builder().set("n", n)
                        .set("cart", "item-" + n).maxInactiveInterval(Duration.ofMinutes(30)).build()).id()));
            }
            List<SessionId> ids = new ArrayList<>(count);
            for (Future<SessionId> f : created) {
                ids.add(f.get());
            }
            return ids;
        } finally {
            pool.shutdown();
        }
    }
}
