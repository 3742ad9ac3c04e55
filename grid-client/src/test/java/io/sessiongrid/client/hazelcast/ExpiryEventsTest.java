package io.sessiongrid.client.hazelcast;

import io.sessiongrid.client.api.ReadMode;
import io.sessiongrid.client.api.SessionChanges;
import io.sessiongrid.client.api.Session;
import io.sessiongrid.client.api.SessionId;
import io.sessiongrid.client.api.SessionStore;
import io.sessiongrid.client.api.StoreSettings;
import io.sessiongrid.client.testing.SharedGrid;
import io.sessiongrid.client.testing.SharedGridResolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Expiry events: once per session across every instance that listens, whether nobody reads it or a reader does. */
@ExtendWith(SharedGridResolver.class)
class ExpiryEventsTest {

    @Test
    void eachExpiryIsDeliveredToExactlyOneOfThreeListeningInstances(SharedGrid grid) {
        String map = grid.nextMapName();
        StoreSettings settings = StoreSettings.builder().mapName(map).readMode(ReadMode.STICKY).build();
        List<SessionStore> stores = List.of(grid.clientA().openStore(settings), grid.clientB().openStore(settings),
                grid.embedded().openStore(settings));
        Map<String, AtomicInteger> deliveries = new ConcurrentHashMap<>();
        stores.forEach(s -> s.addExpiryListener(session -> deliveries
                .computeIfAbsent(session.id().value(), k -> new AtomicInteger()).incrementAndGet()));

        Set<String> keys = new HashSet<>();
        List<SessionId> readLater = new ArrayList<>();
        Instant lastExpiry = Instant.EPOCH;
        for (int i = 0; i < 10; i++) {
            Session created = stores.get(i % 3).create(SessionChanges.builder().set("n", i)
                    .maxInactiveInterval(Duration.ofMillis(800)).build());
            keys.add(created.key().value());
            lastExpiry = created.expiresAt().orElseThrow();
            if (i % 2 == 0) {
                readLater.add(created.id());
            }
        }
        Instant allExpired = lastExpiry;
        await().atMost(Duration.ofSeconds(5)).until(() -> Instant.now().isAfter(allExpired));
        // Half are read once more after expiry, so a reader evicts them; the owner's expiry task ends the rest.
        for (int i = 0; i < readLater.size(); i++) {
            assertTrue(stores.get(i % 3).find(readLater.get(i)).isEmpty());
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> deliveries.keySet().containsAll(keys));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
                .until(() -> deliveries.values().stream().allMatch(n -> n.get() == 1));
        assertEquals(keys, Set.copyOf(deliveries.keySet().stream().filter(keys::contains).toList()));
    }

    @Test
    void aClosedStoreHearsNoMoreExpiriesAndTakesNoneFromTheOthers(SharedGrid grid) {
        String map = grid.nextMapName();
        StoreSettings settings = StoreSettings.builder().mapName(map).build();
        List<String> heardAfterClose = new java.util.concurrent.CopyOnWriteArrayList<>();
        SessionStore closed = grid.clientA().openStore(settings);
        closed.addExpiryListener(session -> heardAfterClose.add(session.id().value()));
        closed.close();
        Set<String> heard = ConcurrentHashMap.newKeySet();
        try (SessionStore open = grid.clientB().openStore(settings)) {
            open.addExpiryListener(session -> heard.add(session.id().value()));
            Set<String> keys = new HashSet<>();
            for (int i = 0; i < 10; i++) {
                keys.add(open.create(SessionChanges.builder().maxInactiveInterval(Duration.ofMillis(500)).build())
                        .key().value());
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> heard.containsAll(keys));
        }
        assertEquals(List.of(), heardAfterClose);
    }
}
