package io.sessiongrid.node.server;

import io.sessiongrid.client.api.Session;
import io.sessiongrid.client.api.SessionChanges;
import io.sessiongrid.client.api.SessionStore;
import io.sessiongrid.client.api.StoreSettings;
import io.sessiongrid.node.testing.GridNodeProcesses;
import io.sessiongrid.node.testing.NodeScrape;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A grid-node JVM's own endpoints: ready once joined, its /metrics move with sessions created, read and expired,
 * and on SIGTERM readiness turns to 503 while the process still runs.
 */
class GridNodeEndpointsProcessTest {
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
    void metricsMoveAndReadinessFollowsTheNodesLife() throws Exception {
        nodes = new GridNodeProcesses(1, dir, "4s");
        nodes.start(0);
        NodeScrape node = new NodeScrape(nodes.endpoints(0));
        await("ready after join").atMost(Duration.ofSeconds(60)).until(() -> node.status("/health/ready") == 200);
        assertEquals(200, node.status("/health/live"));
        assertEquals(0, node.metric("sessiongrid_sessions_creations_total"));

        SessionStore store = nodes.connect().openStore(StoreSettings.defaults());
        List<Session> sessions = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            sessions.add(store.create(SessionChanges.builder().set("n", i).build()));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> node.metric("sessiongrid_sessions_creations_total") == 10);
        assertEquals(10, node.metric("sessiongrid_sessions_owned"));

        double readsBefore = node.metric("sessiongrid_sessions_reads_total");
        for (Session s : sessions) {
            assertTrue(store.find(s.id()).isPresent());
        }
        await().atMost(Duration.ofSeconds(10))
                .until(() -> node.metric("sessiongrid_sessions_reads_total") >= readsBefore + 10);
        store.apply(sessions.get(0).id(), SessionChanges.builder().set("n", 100).build());
        await().atMost(Duration.ofSeconds(10)).until(() -> node.metric(
                "sessiongrid_entry_processor_seconds_count{processor=\"ApplyDelta\"") == 1);

        Session shortLived = store.create(SessionChanges.builder().maxInactiveInterval(Duration.ofSeconds(1)).build());
        Instant expiresAt = shortLived.expiresAt().orElseThrow();
        await().atMost(Duration.ofSeconds(5)).until(() -> Instant.now().isAfter(expiresAt));
        await("expiry counted").atMost(Duration.ofSeconds(30))
                .until(() -> node.metric("sessiongrid_sessions_expirations_total") == 1);
        assertEquals(10, node.metric("sessiongrid_sessions_owned"));

        nodes.process(0).destroy();
        await("not ready while shutting down").atMost(Duration.ofSeconds(3))
                .until(() -> node.status("/health/ready") == 503);
        assertTrue(node.get("/health/ready").body().contains("shutting down"));
        assertEquals(200, node.status("/health/live"), "the member still runs during the drain delay");
        assertTrue(nodes.process(0).waitFor(60, TimeUnit.SECONDS), "SIGTERM stops the node");
        assertEquals(-1, node.status("/health/ready"), "nothing listens once the node has stopped");
    }
}
