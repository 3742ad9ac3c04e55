package io.sessiongrid.node.metrics;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sessiongrid.client.api.ReadMode;
import io.sessiongrid.client.api.Session;
import io.sessiongrid.client.api.SessionChanges;
import io.sessiongrid.client.api.SessionId;
import io.sessiongrid.client.api.SessionStore;
import io.sessiongrid.client.api.StoreSettings;
import io.sessiongrid.client.hazelcast.MemberSettings;
import io.sessiongrid.client.hazelcast.SessionGrid;
import io.sessiongrid.client.testing.LocalCluster;
import io.sessiongrid.node.http.NodeEndpoints;
import io.sessiongrid.node.testing.NodeScrape;
import io.sessiongrid.node.server.GridNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A grid-node's /metrics, scraped over HTTP, move as sessions are created, read, invalidated and expire. */
class GridNodeMetricsTest {
    @Test
    void scrapedMetricsFollowTheSessions() throws Exception {
        try (LocalCluster cluster = new LocalCluster(1, 0)) {
            MemberSettings settings = cluster.memberSettings(0).build();
            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            try (GridNode node = GridNode.start(settings);
                 NodeEndpoints endpoints = new NodeEndpoints(node, registry::scrape, "127.0.0.1", 0);
                 SessionGrid client = SessionGrid.client(cluster.clientSettings().build())) {
                new GridNodeMetrics(node.member(), settings, registry, node::partitionsSafe);
                NodeScrape scrape = new NodeScrape("http://127.0.0.1:" + endpoints.port());
                SessionStore store = client.openStore(StoreSettings.builder().mapName("sessions-m").build());
                Session[] sessions = new Session[5];
                for (int i = 0; i < 5; i++) {
                    sessions[i] = store.create(SessionChanges.builder().set("n", i).build());
                }
                await().atMost(Duration.ofSeconds(10)).until(() -> scrape.metric(
                        "sessiongrid_sessions_creations_total") == 5);
                assertEquals(5, scrape.metric("sessiongrid_sessions_owned"));
                assertEquals(1, scrape.metric("sessiongrid_members"));
                await().atMost(Duration.ofSeconds(10)).until(() -> scrape.metric("sessiongrid_partitions_safe") == 1);

                store.find(sessions[3].id());
                await().atMost(Duration.ofSeconds(10)).until(() -> scrape.metric(
                        "sessiongrid_sessions_reads_total") >= 1);
                SessionStore validated = client.openStore(StoreSettings.builder().mapName("sessions-m")
                        .readMode(ReadMode.VALIDATED).build());
                validated.find(sessions[4].id());
                validated.find(sessions[4].id());
                store.apply(sessions[3].id(), SessionChanges.builder().set("n", 33).build());
                await().atMost(Duration.ofSeconds(10)).until(() -> scrape.metric(
                        "sessiongrid_entry_processor_seconds_count{processor=\"ApplyDelta\"") == 1);
                assertTrue(scrape.metric("sessiongrid_entry_processor_seconds_count{processor=\"ReadIfChanged\"")
                        >= 1);
                assertTrue(scrape.metric("sessiongrid_entry_processor_seconds_sum{processor=\"ApplyDelta\"") > 0);

                store.invalidate(sessions[0].id());
                store.invalidate(sessions[1].id());
                await().atMost(Duration.ofSeconds(10)).until(() -> scrape.metric(
                        "sessiongrid_sessions_invalidations_total") == 2);

                SessionStore onMember = SessionGrid.wrap(node.member()).openStore(StoreSettings.builder()
                        .mapName("sessions-m").readMode(ReadMode.STICKY).build());
                onMember.find(sessions[2].id());
                onMember.find(sessions[2].id());
                await().atMost(Duration.ofSeconds(10)).until(() -> scrape.metric(
                        "sessiongrid_near_cache_hits_total") >= 1);

                Session shortLived = store.create(SessionChanges.builder()
                        .maxInactiveInterval(Duration.ofMillis(500)).build());
                Instant expiresAt = shortLived.expiresAt().orElseThrow();
                await().atMost(Duration.ofSeconds(5)).until(() -> Instant.now().isAfter(expiresAt));
                await("the owner's expiry task ends it").atMost(Duration.ofSeconds(30)).until(() -> scrape.metric(
                        "sessiongrid_sessions_expirations_total") == 1);
                assertEquals(3, scrape.metric("sessiongrid_sessions_owned"));
                assertEquals(6, scrape.metric("sessiongrid_sessions_creations_total"));

                Session moved = store.create(SessionChanges.builder().set("n", 7).build());
                SessionId movedTo = store.changeId(moved.id());
                await("an id change is one invalidation and one creation").atMost(Duration.ofSeconds(10))
                        .until(() -> scrape.metric("sessiongrid_sessions_invalidations_total") == 3
                                && scrape.metric("sessiongrid_sessions_creations_total") == 8);
                assertEquals(7, store.find(movedTo).orElseThrow().attribute("n"));
            }
        }
    }

    @Test
    void anIdChangeIsCountedOnceAcrossTheOwnerAndItsBackup() {
        try (LocalCluster cluster = new LocalCluster(2, 0)) {
            MemberSettings first = cluster.memberSettings(0).build();
            MemberSettings second = cluster.memberSettings(1).build();
            try (GridNode a = GridNode.start(first); GridNode b = GridNode.start(second);
                 SessionGrid client = SessionGrid.client(cluster.clientSettings().build())) {
                SimpleMeterRegistry onA = new SimpleMeterRegistry();
                SimpleMeterRegistry onB = new SimpleMeterRegistry();
                new GridNodeMetrics(a.member(), first, onA, a::partitionsSafe);
                new GridNodeMetrics(b.member(), second, onB, b::partitionsSafe);
                await().atMost(Duration.ofSeconds(30)).until(() -> a.member().getCluster().getMembers().size() == 2);
                SessionStore store = client.openStore(StoreSettings.builder().mapName("sessions-m").build());
                int changes = 20;
                for (int i = 0; i < changes; i++) {
                    Session s = store.create(SessionChanges.builder().set("n", i).build());
                    store.apply(s.id(), SessionChanges.builder().set("n", i + 1).build());
                    store.changeId(s.id());
                }
                await("every id change counted by the old key's owner").atMost(Duration.ofSeconds(10))
                        .until(() -> invalidations(onA) + invalidations(onB) == changes);
                assertTrue(invalidations(onA) > 0 && invalidations(onB) > 0,
                        "both members own some of the old keys: " + invalidations(onA) + " / " + invalidations(onB));
                await("every id change counted once: the backups' runs are not").during(Duration.ofSeconds(1))
                        .atMost(Duration.ofSeconds(5))
                        .until(() -> invalidations(onA) + invalidations(onB) == changes);
            }
        }
    }

    private static double invalidations(SimpleMeterRegistry registry) {
        return registry.get("sessiongrid.sessions.invalidations").counter().count();
    }
}
