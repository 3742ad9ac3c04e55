package io.sessiongrid.node.server;

import io.sessiongrid.client.api.Session;
import io.sessiongrid.client.api.SessionChanges;
import io.sessiongrid.client.api.SessionId;
import io.sessiongrid.client.api.SessionStore;
import io.sessiongrid.client.api.StoreSettings;
import io.sessiongrid.client.hazelcast.SessionGrid;
import io.sessiongrid.node.testing.GridNodeProcesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Three grid-node JVMs: a crashed member loses no session, and SIGTERM hands data over before it exits. */
class GridNodeProcessTest {
    private static final int SESSIONS = 10_000;

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
    void killingOneOfThreeNodesLosesNoSessionAndSigtermHandsOverTheRest() throws Exception {
        nodes = new GridNodeProcesses(3, dir);
        nodes.startAll();
        SessionGrid client = nodes.connect();
        SessionStore store = client.openStore(StoreSettings.defaults());
        List<SessionId> ids = writeSessions(store);

        nodes.process(0).destroyForcibly();
        assertTrue(nodes.process(0).waitFor(30, TimeUnit.SECONDS));
        await("the grid notices the crash").atMost(Duration.ofSeconds(60))
                .until(() -> client.hazelcast().getCluster().getMembers().size() == 2);
        assertEveryoneReadable(store, ids);

        nodes.process(1).destroy();
        assertTrue(nodes.process(1).waitFor(90, TimeUnit.SECONDS), "SIGTERM stops the node");
        assertTrue(nodes.log(1).contains("stopped gracefully"), nodes.log(1));
        await().atMost(Duration.ofSeconds(30)).until(() -> client.hazelcast().getCluster().getMembers().size() == 1);
        assertEveryoneReadable(store, ids);
    }

    private static List<SessionId> writeSessions(SessionStore store) throws Exception {
        List<SessionId> ids = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < SESSIONS / 4; i++) {
                        Session s = store.create(SessionChanges.builder().set("user", "u" + i)
                                .set("cart", List.of(i, i + 1)).build());
                        ids.add(s.id());
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(5, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(SESSIONS, ids.size());
        assertEquals(SESSIONS, store.count());
        return ids;
    }

    private static void assertEveryoneReadable(SessionStore store, List<SessionId> ids) {
        int missing = 0;
        for (SessionId id : ids) {
            Session s = store.find(id).orElse(null);
            if (s == null || !(s.attribute("user") instanceof String user) || !user.startsWith("u")
                    || ((List<?>) s.attribute("cart")).size() != 2) {
                missing++;
            }
        }
        assertEquals(0, missing, "sessions lost or damaged");
        assertEquals(SESSIONS, store.count());
    }
}
