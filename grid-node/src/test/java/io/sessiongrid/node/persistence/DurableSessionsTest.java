package io.sessiongrid.node.persistence;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sessiongrid.client.api.EncryptionKeys;
import io.sessiongrid.client.api.GridUnavailableException;
import io.sessiongrid.client.api.Session;
import io.sessiongrid.client.api.SessionChanges;
import io.sessiongrid.client.api.SessionId;
import io.sessiongrid.client.api.SessionInfo;
import io.sessiongrid.client.api.SessionStore;
import io.sessiongrid.client.api.StoreSettings;
import io.sessiongrid.client.hazelcast.GridAdmin;
import io.sessiongrid.client.hazelcast.MemberReport;
import io.sessiongrid.client.hazelcast.SessionGrid;
import io.sessiongrid.client.testing.LocalCluster;
import io.sessiongrid.node.config.PersistenceSettings;
import io.sessiongrid.node.server.GridNode;
import io.sessiongrid.node.testing.PostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Durable sessions over a real PostgreSQL server and real members in this JVM, each a {@link GridNode} with its
 * {@link DurableSessions}, as grid-node runs them; the application is a thin client or a store over a member.
 */
class DurableSessionsTest {
    private static PostgresServer postgres;
    private final List<GridNode> nodes = new ArrayList<>();
    private final List<DurableSessions> durables = new ArrayList<>();
    private final List<SessionGrid> grids = new ArrayList<>();
    private LocalCluster ports;

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

    @AfterEach
    void stopEverything() throws SQLException {
        grids.forEach(SessionGrid::close);
        nodes.forEach(n -> n.member().getLifecycleService().terminate());
        durables.forEach(DurableSessions::close);
        postgres.startAgain();
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS sessiongrid_sessions, sessiongrid_schema_history");
        }
    }

    private PersistenceSettings settings(Duration writeDelay, boolean eager) {
        return new PersistenceSettings(postgres.jdbcUrl(), postgres.username(), "", 4, Duration.ofSeconds(2),
                writeDelay, 100, eager, Duration.ofSeconds(1), true);
    }

    private List<GridNode> startNodes(int count, PersistenceSettings settings) {
        if (ports == null) {
            ports = new LocalCluster(count, 0);
        }
        List<GridNode> started = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            DurableSessions durable = new DurableSessions(settings, new SimpleMeterRegistry());
            durables.add(durable);
            GridNode node = GridNode.start(ports.memberSettings(i).build(), durable);
            nodes.add(node);
            started.add(node);
        }
        await().until(() -> started.stream().allMatch(n -> n.member().getCluster().getMembers().size() == count));
        return started;
    }

    /** Stops every member gracefully, one after the other as SIGTERM does, and closes their databases afterwards. */
    private void stopAllNodes() {
        grids.forEach(SessionGrid::close);
        grids.clear();
        nodes.forEach(GridNode::close);
        nodes.clear();
        durables.forEach(DurableSessions::close);
        durables.clear();
    }

    private SessionStore clientStore() {
        SessionGrid grid = SessionGrid.client(ports.clientSettings().build());
        grids.add(grid);
        return grid.openStore(StoreSettings.builder().build());
    }

    private SessionStore memberStore(GridNode node) {
        SessionGrid grid = SessionGrid.wrap(node.member());
        grids.add(grid);
        return grid.openStore(StoreSettings.builder().build());
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(postgres.jdbcUrl(), postgres.username(), "");
    }

    private static Map<String, Long> rowVersions() throws SQLException {
        Map<String, Long> versions = new HashMap<>();
        try (Connection c = connect();
             PreparedStatement q = c.prepareStatement("SELECT session_key, version FROM sessiongrid_sessions");
             ResultSet rows = q.executeQuery()) {
            while (rows.next()) {
                versions.put(rows.getString(1), rows.getLong(2));
            }
        }
        return versions;
    }

    @Test
    void everySessionComesBackAfterTheWholeClusterStopsWithItsRemainingIdleTime() throws SQLException {
        startNodes(2, settings(Duration.ZERO, true));
        SessionStore store = clientStore();
        List<SessionId> ids = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            ids.add(store.create(SessionChanges.builder().set("n", i).set("cart", List.of("a", "b", "c" + i))
                    .principal("user" + (i % 10)).maxInactiveInterval(Duration.ofMinutes(30)).build()).id());
        }
        store.apply(ids.get(0), SessionChanges.builder().set("n", -1).build());
        SessionId shortLived = store.create(SessionChanges.builder().set("n", 999)
                .maxInactiveInterval(Duration.ofSeconds(2)).build()).id();
        SessionId invalidated = store.create(SessionChanges.builder().set("n", 1000).build()).id();
        store.invalidate(invalidated);
        Map<SessionId, SessionInfo> before = new HashMap<>();
        for (SessionId id : ids) {
            before.put(id, store.describe(id.key()).orElseThrow());
        }
        assertEquals(201, rowVersions().size(), "one row per live session, none for the invalidated one");

        stopAllNodes();
        long downSince = System.currentTimeMillis();
        await("the short-lived session's idle limit passes while the grid is down").atMost(Duration.ofSeconds(10))
                .until(() -> System.currentTimeMillis() > downSince + 2_500);

        startNodes(2, settings(Duration.ZERO, true));
        SessionStore after = clientStore();
        AtomicInteger expiries = new AtomicInteger();
        after.addExpiryListener(s -> expiries.incrementAndGet());
        assertEquals(200, after.count(), "every live session is loaded at start");
        for (int i = 0; i < ids.size(); i++) {
            SessionId id = ids.get(i);
            SessionInfo was = before.get(id);
            // Described before it is read: a read may touch the session and move its last access to now.
            SessionInfo is = after.describe(id.key()).orElseThrow(() -> new AssertionError("lost: " + id.key()));
            assertEquals(was.principal(), is.principal());
            assertEquals(was.lastAccessedAt(), is.lastAccessedAt(), "the idle clock kept running from its last access");
            assertEquals(was.expiresAt(), is.expiresAt(), "so the remaining idle time is what was left, less the downtime");
            Session read = after.find(id).orElseThrow();
            assertEquals(i == 0 ? -1 : i, read.attribute("n"));
            assertEquals(List.of("a", "b", "c" + i), read.attribute("cart"));
        }
        assertEquals(Optional.empty(), after.find(shortLived), "expired while the grid was down");
        assertEquals(Optional.empty(), after.find(invalidated));
        assertEquals(20, after.findByPrincipal("user3").size(), "the principal index covers loaded sessions");
        await("the sweep deletes the expired session's row").atMost(Duration.ofSeconds(10))
                .until(() -> !rowVersions().containsKey(shortLived.key().value()));
        assertEquals(0, expiries.get(), "loading a session publishes no expiry event");
    }

    @Test
    void aWriteThroughWriteFailsWhileTheDatabaseIsDownAndChangesNothing() throws SQLException {
        GridNode node = startNodes(1, settings(Duration.ZERO, true)).get(0);
        SessionStore client = clientStore();
        SessionStore member = memberStore(node);
        SessionId id = client.create(SessionChanges.builder().set("n", 1).build()).id();
        long version = client.find(id).orElseThrow().version();

        postgres.stop();
        GridUnavailableException fromClient = assertThrows(GridUnavailableException.class,
                () -> client.apply(id, SessionChanges.builder().set("n", 2).build()));
        assertTrue(fromClient.getMessage().contains("database"), fromClient.getMessage());
        assertThrows(GridUnavailableException.class,
                () -> member.apply(id, SessionChanges.builder().set("n", 3).build()));
        assertThrows(GridUnavailableException.class, () -> client.create(SessionChanges.builder().set("n", 4).build()));
        Session unchanged = member.find(id).orElseThrow();
        assertEquals(1, unchanged.attribute("n"), "a refused write leaves the session as it was");
        assertEquals(version, unchanged.version());
        await("readiness reports the database").atMost(Duration.ofSeconds(10))
                .until(() -> "the session database does not answer".equals(node.notReadyReason()));
        assertEquals(List.of("write-through, database NOT answering"), new GridAdmin(grids.get(0).hazelcast(),
                Duration.ofSeconds(10)).reports("sessions").stream().map(MemberReport::persistence).toList(),
                "gridctl members shows each member's persistence state");

        postgres.startAgain();
        await("writes succeed again").atMost(Duration.ofSeconds(20)).ignoreExceptions()
                .until(() -> client.apply(id, SessionChanges.builder().set("n", 5).build()) > version);
        assertEquals(5, client.find(id).orElseThrow().attribute("n"));
        assertEquals(client.find(id).orElseThrow().version(), rowVersions().get(id.key().value()));
        await("ready again").atMost(Duration.ofSeconds(10)).until(() -> node.notReadyReason() == null);
    }

    @Test
    void writeBehindServesWhileTheDatabaseIsDownAndCatchesUp() throws SQLException {
        startNodes(1, settings(Duration.ofSeconds(1), true));
        SessionStore store = clientStore();
        SessionId id = store.create(SessionChanges.builder().set("n", 0).build()).id();
        await("the first row").atMost(Duration.ofSeconds(10)).until(() -> rowVersions().containsKey(id.key().value()));

        List<String> warnings = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel() == Level.WARNING) {
                    synchronized (warnings) {
                        warnings.add(record.getMessage());
                    }
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger mapStore = Logger.getLogger("io.sessiongrid.client.hazelcast.SessionMapStore");
        List<SessionId> created = new ArrayList<>();
        mapStore.addHandler(capture);
        try {
            postgres.stop();
            for (int i = 1; i <= 20; i++) {
                store.apply(id, SessionChanges.builder().set("n", i).build());
            }
            for (int i = 0; i < 50; i++) {
                created.add(store.create(SessionChanges.builder().set("n", i).build()).id());
            }
            assertEquals(20, store.find(id).orElseThrow().attribute("n"), "served from memory meanwhile");
            for (int i = 0; i < 2; i++) {
                SessionId unknown = SessionId.fromRandomBytes(new byte[SessionId.RANDOM_BYTES]);
                assertEquals(Optional.empty(), store.find(unknown), "a session not in memory is not found, no error");
            }
        } finally {
            mapStore.removeHandler(capture);
        }
        synchronized (warnings) {
            assertEquals(1, warnings.stream().filter(w -> w.contains("not found while the database is away")).count(),
                    "the outage is said once, not once per lookup: " + warnings);
        }
        DurableSessions durable = durables.get(0);
        await("pending rows are counted").atMost(Duration.ofSeconds(10))
                .until(() -> durable.state().contains("51 row(s) pending"));

        postgres.startAgain();
        long version = store.find(id).orElseThrow().version();
        await("the queue is written once the database is back").atMost(Duration.ofSeconds(30))
                .until(() -> {
                    Map<String, Long> rows = rowVersions();
                    return Long.valueOf(version).equals(rows.get(id.key().value()))
                            && created.stream().allMatch(c -> rows.containsKey(c.key().value()));
                });
        await().atMost(Duration.ofSeconds(10)).until(() -> durable.state().contains(" 0 row(s) pending"));
    }

    @Test
    void aGracefulStopOfEveryMemberWritesThePendingRowsFirst() throws SQLException {
        PersistenceSettings slowBehind = settings(Duration.ofSeconds(60), true);
        startNodes(1, slowBehind);
        SessionStore store = clientStore();
        List<SessionId> ids = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            ids.add(store.create(SessionChanges.builder().set("n", i).build()).id());
        }
        assertTrue(rowVersions().size() < 100, "rows wait for the 60 s write delay");

        stopAllNodes();
        assertEquals(100, rowVersions().size(), "the stop wrote them");
        startNodes(1, slowBehind);
        SessionStore after = clientStore();
        for (int i = 0; i < ids.size(); i++) {
            assertEquals(i, after.find(ids.get(i)).orElseThrow().attribute("n"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"write-through", "write-behind"})
    void theDatabaseStoppedAndStartedUnderLoadCorruptsNothing(String mode) throws Exception {
        boolean through = mode.equals("write-through");
        startNodes(2, settings(through ? Duration.ZERO : Duration.ofSeconds(1), true));
        SessionStore store = clientStore();
        int sessions = 40;
        List<SessionId> ids = new ArrayList<>();
        for (int i = 0; i < sessions; i++) {
            ids.add(store.create(SessionChanges.builder().set("n", 0).build()).id());
        }
        AtomicLongArray acknowledged = new AtomicLongArray(sessions);
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger written = new AtomicInteger();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService writers = Executors.newFixedThreadPool(4);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int first = t;
            done.add(writers.submit(() -> {
                long[] next = new long[sessions];
                while (running.get()) {
                    for (int i = first; i < sessions; i += 4) {
                        try {
                            store.apply(ids.get(i), SessionChanges.builder().set("n", (int) ++next[i]).build());
                            acknowledged.set(i, next[i]);
                            written.incrementAndGet();
                        } catch (GridUnavailableException databaseAway) {
                            next[i]--;
                            refused.incrementAndGet();
                        }
                    }
                }
            }));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> written.get() > 500);
        postgres.stop();
        int writtenAtStop = written.get();
        await("writes go on or are refused while the database is away").atMost(Duration.ofSeconds(30))
                .until(() -> through ? refused.get() > 50 : written.get() > writtenAtStop + 500);
        postgres.startAgain();
        int writtenAtStart = written.get();
        await("writes succeed again").atMost(Duration.ofSeconds(30)).until(() -> written.get() > writtenAtStart + 500);
        running.set(false);
        for (Future<?> f : done) {
            f.get();
        }
        writers.shutdown();

        if (!through) {
            assertEquals(0, refused.get(), "write-behind refuses no write while the database is away");
        }
        Map<String, Long> gridVersions = new HashMap<>();
        for (int i = 0; i < sessions; i++) {
            Session s = store.find(ids.get(i)).orElseThrow();
            assertEquals((int) acknowledged.get(i), s.attribute("n"),
                    "the grid holds exactly the acknowledged writes; a refused one changed nothing");
            gridVersions.put(ids.get(i).key().value(), s.version());
        }
        await("every row holds its session's version").atMost(Duration.ofSeconds(30))
                .until(() -> rowVersions().equals(gridVersions));
        System.out.println(mode + ", database stopped and started under load: " + written.get() + " writes, "
                + refused.get() + " refused");
    }

    @Test
    void withEncryptionOnARowHoldsNoValueInClear() throws SQLException {
        startNodes(1, settings(Duration.ZERO, true));
        SessionGrid grid = SessionGrid.client(ports.clientSettings().build());
        grids.add(grid);
        SessionStore store = grid.openStore(StoreSettings.builder().encryptionKeys(EncryptionKeys.parse(
                "1:" + Base64.getEncoder().encodeToString(new byte[32]))).build());
        String secret = "card-4111-1111-1111-1111";
        SessionId id = store.create(SessionChanges.builder().set("card", secret).build()).id();
        byte[] row;
        try (Connection c = connect(); PreparedStatement q = c.prepareStatement(
                "SELECT record FROM sessiongrid_sessions WHERE session_key = ?")) {
            q.setString(1, id.key().value());
            try (ResultSet r = q.executeQuery()) {
                assertTrue(r.next());
                row = r.getBytes(1);
            }
        }
        assertFalse(new String(row, java.nio.charset.StandardCharsets.ISO_8859_1).contains(secret),
                "the value reaches the database encrypted");
        assertFalse(new String(row, java.nio.charset.StandardCharsets.ISO_8859_1).contains(id.value()),
                "the id never reaches the database");
        assertEquals(secret, store.find(id).orElseThrow().attribute("card"));
    }

    @Test
    void anIdChangeMovesTheRowAndInvalidationDeletesIt() throws SQLException {
        startNodes(1, settings(Duration.ZERO, true));
        SessionStore store = clientStore();
        SessionId id = store.create(SessionChanges.builder().set("n", 1).principal("alice").build()).id();
        SessionId next = store.changeId(id);
        Map<String, Long> rows = rowVersions();
        assertFalse(rows.containsKey(id.key().value()), "the old key's row is gone with the id change");
        assertTrue(rows.containsKey(next.key().value()));
        store.invalidate(next);
        assertEquals(Map.of(), rowVersions());
    }

    @Test
    void aDamagedRowIsLeftOutAndTheOtherSessionsLoad() throws SQLException {
        startNodes(1, settings(Duration.ZERO, true));
        SessionStore store = clientStore();
        SessionId damaged = store.create(SessionChanges.builder().set("n", 0).build()).id();
        SessionId intact = store.create(SessionChanges.builder().set("n", 1).build()).id();
        stopAllNodes();
        try (Connection c = connect(); PreparedStatement u = c.prepareStatement(
                "UPDATE sessiongrid_sessions SET record = ? WHERE session_key = ?")) {
            u.setBytes(1, new byte[]{1, 0, 5, 'x'});
            u.setString(2, damaged.key().value());
            assertEquals(1, u.executeUpdate());
        }

        startNodes(1, settings(Duration.ZERO, true));
        SessionStore after = clientStore();
        assertEquals(1, after.find(intact).orElseThrow().attribute("n"));
        assertEquals(Optional.empty(), after.find(damaged), "a row that is no record is no session");
    }

    @Test
    void lazyLoadingLoadsEachSessionWhenFirstAskedFor() throws SQLException {
        startNodes(1, settings(Duration.ZERO, false));
        SessionStore store = clientStore();
        List<SessionId> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ids.add(store.create(SessionChanges.builder().set("n", i).principal(i < 3 ? "ann" : null).build()).id());
        }
        stopAllNodes();

        startNodes(1, settings(Duration.ZERO, false));
        SessionStore after = clientStore();
        assertEquals(0, after.count(), "nothing is loaded at start");
        assertEquals(Set.of(ids.get(0).key(), ids.get(1).key(), ids.get(2).key()),
                after.findByPrincipal("ann").stream().map(SessionInfo::key).collect(Collectors.toSet()),
                "a principal's sessions are found from the rows before any was asked for");
        assertEquals(3, after.count(), "the lookup loaded those three");
        for (int i = 0; i < ids.size(); i++) {
            assertEquals(i, after.find(ids.get(i)).orElseThrow().attribute("n"));
        }
        assertEquals(20, after.count());
        assertEquals(Optional.empty(), after.find(SessionId.fromRandomBytes(new byte[SessionId.RANDOM_BYTES])),
                "an id with no row finds nothing");
    }
}
