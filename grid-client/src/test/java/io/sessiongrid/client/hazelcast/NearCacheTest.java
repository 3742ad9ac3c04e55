package io.sessiongrid.client.hazelcast;

import com.hazelcast.nearcache.NearCacheStats;
import io.sessiongrid.client.api.ReadMode;
import io.sessiongrid.client.api.Session;
import io.sessiongrid.client.api.SessionChanges;
import io.sessiongrid.client.api.SessionStore;
import io.sessiongrid.client.api.StoreSettings;
import io.sessiongrid.client.testing.SharedGrid;
import io.sessiongrid.client.testing.SharedGridResolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Near-cache reads: they keep a session alive, never serve a dead one, and see other instances' writes. */
@ExtendWith(SharedGridResolver.class)
class NearCacheTest {

    @Test
    void sessionReadOnlyFromTheClientNearCacheDoesNotExpireWhileInUse(SharedGrid grid) {
        readEvery300msFor6s(grid.clientA(), grid.nextMapName());
    }

    @Test
    void sessionReadOnlyFromTheMemberNearCacheDoesNotExpireWhileInUse(SharedGrid grid) {
        readEvery300msFor6s(grid.embedded(), grid.nextMapName());
    }

    private static void readEvery300msFor6s(SessionGrid mode, String mapName) {
        SessionStore store = mode.openStore(StoreSettings.builder().mapName(mapName).readMode(ReadMode.STICKY)
                .build());
        Session session = store.create(SessionChanges.builder().maxInactiveInterval(Duration.ofSeconds(2))
                .set("user", "ann").build());
        long hitsBefore = nearCache(mode, mapName).getHits();
        // Three times the idle limit, read only from the near cache but for the touches (one per quarter limit).
        await().during(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(8)).pollInterval(Duration.ofMillis(300))
                .until(() -> store.find(session.id()).isPresent());
        long hits = nearCache(mode, mapName).getHits() - hitsBefore;
        assertTrue(hits >= 10, "most of the ~20 reads were near-cache hits, got " + hits);
        Instant expiresAt = store.find(session.id()).orElseThrow().expiresAt().orElseThrow();
        await().atMost(Duration.ofSeconds(5)).until(() -> Instant.now().isAfter(expiresAt));
        assertTrue(store.find(session.id()).isEmpty(), "idle after use, it expires");
    }

    @Test
    void expiredSessionIsNeverServedFromANearCacheAndLeavesIt(SharedGrid grid) {
        String mapName = grid.nextMapName();
        StoreSettings sticky = StoreSettings.builder().mapName(mapName).readMode(ReadMode.STICKY).build();
        SessionStore writer = grid.clientA().openStore(sticky);
        SessionStore reader = grid.clientB().openStore(sticky);
        Session session = writer.create(SessionChanges.builder().maxInactiveInterval(Duration.ofMillis(2000)).build());
        // The create's own invalidation may reach the reader after its first read and cancel that caching.
        await("the reader holds a copy").atMost(Duration.ofMillis(400)).pollInterval(Duration.ofMillis(20))
                .until(() -> reader.find(session.id()).isPresent()
                        && nearCache(grid.clientB(), mapName).getOwnedEntryCount() == 1);
        Instant expiresAt = session.expiresAt().orElseThrow();
        await().atMost(Duration.ofSeconds(5)).until(() -> Instant.now().isAfter(expiresAt));
        assertTrue(reader.find(session.id()).isEmpty(), "the local copy is past its expiry and is not served");
        await("the owner's removal reaches the near cache").atMost(Duration.ofSeconds(15))
                .until(() -> nearCache(grid.clientB(), mapName).getOwnedEntryCount() == 0);
    }

    @Test
    void invalidatedSessionVanishesFromEveryNearCache(SharedGrid grid) {
        String mapName = grid.nextMapName();
        StoreSettings sticky = StoreSettings.builder().mapName(mapName).readMode(ReadMode.STICKY).build();
        List<SessionGrid> modes = List.of(grid.clientA(), grid.clientB(), grid.embedded());
        List<SessionStore> stores = modes.stream().map(m -> m.openStore(sticky)).toList();
        Session session = stores.get(0).create(SessionChanges.builder().set("a", 1).build());
        stores.forEach(s -> s.find(session.id()).orElseThrow());
        stores.get(2).invalidate(session.id());
        for (SessionStore s : stores) {
            await().atMost(Duration.ofSeconds(1)).until(() -> s.find(session.id()).isEmpty());
        }
    }

    @Test
    void validatedReadSeesAnotherInstancesWriteOnTheVeryNextRead(SharedGrid grid) {
        String mapName = grid.nextMapName();
        StoreSettings validated = StoreSettings.builder().mapName(mapName).readMode(ReadMode.VALIDATED).build();
        SessionStore a = grid.clientA().openStore(validated);
        SessionStore b = grid.clientB().openStore(validated);
        SessionStore member = grid.embedded().openStore(validated);
        Session session = a.create(SessionChanges.builder().set("n", 0).build());
        for (int i = 1; i <= 100; i++) {
            assertEquals(i - 1, b.find(session.id()).orElseThrow().attribute("n"));
            assertEquals(i - 1, member.find(session.id()).orElseThrow().attribute("n"));
            a.apply(session.id(), SessionChanges.builder().set("n", i).build());
            assertEquals(i, b.find(session.id()).orElseThrow().attribute("n"), "client B, round " + i);
            assertEquals(i, member.find(session.id()).orElseThrow().attribute("n"), "member, round " + i);
        }
    }

    @Test
    void stickyReadSeesAnotherInstancesWriteWithinTheInvalidationDelay(SharedGrid grid) {
        String mapName = grid.nextMapName();
        StoreSettings sticky = StoreSettings.builder().mapName(mapName).readMode(ReadMode.STICKY).build();
        SessionStore a = grid.clientA().openStore(sticky);
        SessionStore b = grid.clientB().openStore(sticky);
        Session session = a.create(SessionChanges.builder().set("n", 0).build());
        for (int i = 1; i <= 20; i++) {
            b.find(session.id()).orElseThrow();
            a.apply(session.id(), SessionChanges.builder().set("n", i).build());
            int expected = i;
            await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(5))
                    .until(() -> b.find(session.id()).orElseThrow().attribute("n").equals(expected));
        }
    }

    @Test
    void aStickyWriterReadsItsOwnWritesLocallyAndStillSeesAnotherInstancesLaterWrite(SharedGrid grid) {
        String mapName = grid.nextMapName();
        StoreSettings sticky = StoreSettings.builder().mapName(mapName).readMode(ReadMode.STICKY).build();
        SessionStore a = grid.clientA().openStore(sticky);
        SessionStore b = grid.clientB().openStore(sticky);
        Session session = a.create(SessionChanges.builder().set("n", 0).build());
        a.find(session.id()).orElseThrow();
        long missesBefore = nearCache(grid.clientA(), mapName).getMisses();
        for (int i = 1; i <= 20; i++) {
            a.apply(session.id(), SessionChanges.builder().set("n", i).build());
            assertEquals(i, a.find(session.id()).orElseThrow().attribute("n"), "read your own write, round " + i);
        }
        assertEquals(missesBefore, nearCache(grid.clientA(), mapName).getMisses(), "no fetch after its own writes");
        b.apply(session.id(), SessionChanges.builder().set("n", 100).build());
        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(5))
                .until(() -> a.find(session.id()).orElseThrow().attribute("n").equals(100));
    }

    @Test
    void everyStickyReadIsANearCacheReadCountedOnce(SharedGrid grid) {
        for (SessionGrid mode : List.of(grid.clientA(), grid.embedded())) {
            String mapName = grid.nextMapName();
            SessionStore store = mode.openStore(StoreSettings.builder().mapName(mapName).readMode(ReadMode.STICKY)
                    .build());
            Session session = store.create(SessionChanges.builder().set("user", "ann").build());
            store.find(session.id()).orElseThrow();
            NearCacheStats before = nearCache(mode, mapName);
            long hitsBefore = before.getHits();
            long missesBefore = before.getMisses();
            for (int i = 0; i < 100; i++) {
                store.find(session.id()).orElseThrow();
            }
            NearCacheStats after = nearCache(mode, mapName);
            long hits = after.getHits() - hitsBefore;
            assertEquals(100, hits + after.getMisses() - missesBefore, "each read counted once, as a hit or a miss");
            assertTrue(hits >= 95, "the reads were near-cache hits, got " + hits);
        }
    }

    static NearCacheStats nearCache(SessionGrid mode, String mapName) {
        return mode.hazelcast().getMap(mapName).getLocalMapStats().getNearCacheStats();
    }
}
