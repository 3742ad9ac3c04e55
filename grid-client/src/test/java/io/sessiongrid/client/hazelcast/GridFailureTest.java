package io.sessiongrid.client.hazelcast;

import io.sessiongrid.client.api.GridUnavailableException;
import io.sessiongrid.client.api.Session;
import io.sessiongrid.client.api.SessionChanges;
import io.sessiongrid.client.api.SessionStore;
import io.sessiongrid.client.api.StoreSettings;
import io.sessiongrid.client.testing.FreePorts;
import io.sessiongrid.client.testing.LocalCluster;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** When the grid is away, operations fail fast and clearly, and the client comes back by itself. */
class GridFailureTest {

    @Test
    void noGridAtStartupFailsWithinTheConnectTimeoutNamingTheAddresses() {
        int port = FreePorts.take(1)[0];
        Instant start = Instant.now();
        GridUnavailableException e = assertThrows(GridUnavailableException.class, () -> SessionGrid.client(
                ClientSettings.builder().address("127.0.0.1:" + port).connectTimeout(Duration.ofSeconds(2)).build()));
        assertTrue(Duration.between(start, Instant.now()).toSeconds() < 10);
        assertTrue(e.getMessage().contains("127.0.0.1:" + port) && e.getMessage().contains("client.addresses"),
                e.getMessage());
    }

    @Test
    void clientFailsFastWhileTheGridIsGoneAndServesAgainWhenItReturns() {
        try (LocalCluster cluster = new LocalCluster(1)) {
            try (SessionGrid client = SessionGrid.client(cluster.clientSettings()
                    .operationTimeout(Duration.ofSeconds(3)).build())) {
                SessionStore store = client.openStore(StoreSettings.builder().mapName("sessions").build());
                Session s = store.create(SessionChanges.builder().set("a", 1).build());

                cluster.members().get(0).getLifecycleService().terminate();
                await("the client notices").atMost(Duration.ofSeconds(20))
                        .until(() -> !client.hazelcast().getLifecycleService().isRunning()
                                || client.hazelcast().getCluster().getMembers().isEmpty()
                                || failsFast(store, s));
                Instant start = Instant.now();
                GridUnavailableException e = assertThrows(GridUnavailableException.class,
                        () -> store.apply(s.id(), SessionChanges.builder().set("a", 2).build()));
                assertTrue(Duration.between(start, Instant.now()).toSeconds() <= 5, "failed within the timeout");
                assertTrue(e.getMessage().contains("running and reachable"), e.getMessage());

                cluster.start(0);
                await("the client reconnects by itself").atMost(Duration.ofSeconds(60)).ignoreExceptions()
                        .until(() -> store.create() != null);
                Session fresh = store.create(SessionChanges.builder().set("b", 1).build());
                assertEquals(1, store.find(fresh.id()).orElseThrow().attribute("b"));
            }
        }
    }

    private static boolean failsFast(SessionStore store, Session s) {
        try {
            store.touch(s.id());
            return false;
        } catch (GridUnavailableException e) {
            return true;
        }
    }

    @Test
    void storeOnAMapWithoutSessionMapConfigurationIsRefused() {
        try (LocalCluster cluster = new LocalCluster(1);
             SessionGrid client = SessionGrid.client(cluster.clientSettings().build())) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> client.openStore(StoreSettings.builder().mapName("carts").build()));
            assertTrue(e.getMessage().contains("sessions*"), e.getMessage());
        }
    }

    @Test
    void memberSettingsRefuseBadValuesNamingTheKey() {
        assertKey("network.port", () -> MemberSettings.builder().port(0));
        assertKey("join.members", () -> MemberSettings.builder().member("127.0.0.1:5701-5703"));
        assertKey("join.members", () -> MemberSettings.builder().member("no-port"));
        assertKey("cluster.name", () -> MemberSettings.builder().clusterName("has space"));
        assertKey("session-map.backup-count", () -> MemberSettings.builder().backupCount(7));
        assertKey("join.kubernetes.service-dns",
                () -> MemberSettings.builder().joinMode(JoinMode.KUBERNETES).build());
        assertKey("client.operation-timeout", () -> ClientSettings.builder().operationTimeout(Duration.ZERO));
    }

    private static void assertKey(String key, Runnable r) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        assertTrue(e.getMessage().contains(key), e.getMessage());
    }
}
