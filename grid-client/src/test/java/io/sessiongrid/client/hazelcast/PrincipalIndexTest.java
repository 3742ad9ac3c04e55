package io.sessiongrid.client.hazelcast;

import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.sessiongrid.client.api.Session;
import io.sessiongrid.client.api.SessionChanges;
import io.sessiongrid.client.api.SessionInfo;
import io.sessiongrid.client.api.SessionStore;
import io.sessiongrid.client.api.StoreSettings;
import io.sessiongrid.client.core.SecureRandomIdGenerator;
import io.sessiongrid.client.testing.SharedGrid;
import io.sessiongrid.client.testing.SharedGridResolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sessions are found by principal through the principal map, with no index on the session map: a principal's
 * entry holds every live session of it, and loses the keys of sessions that end or move on.
 */
@ExtendWith(SharedGridResolver.class)
class PrincipalIndexTest {

    private static Set<String> keysOf(List<SessionInfo> found) {
        return found.stream().map(i -> i.key().value()).collect(Collectors.toSet());
    }

    private static IMap<String, PrincipalKeys> principals(SharedGrid grid, String map) {
        return grid.clientB().hazelcast().getMap(PrincipalIndex.mapName(map));
    }

    private static Set<String> recorded(SharedGrid grid, String map, String principal) {
        PrincipalKeys keys = principals(grid, map).get(principal);
        return keys == null ? Set.of() : keys.keys();
    }

    @Test
    void aPrincipalsEntryHoldsItsSessionsAndTheSessionMapHasNoIndex(SharedGrid grid) {
        String map = grid.nextMapName();
        SessionStore store = grid.clientA().openStore(StoreSettings.builder().mapName(map).build());
        SessionStore embedded = grid.embedded().openStore(StoreSettings.builder().mapName(map).build());
        Set<String> ann = new java.util.HashSet<>();
        for (int i = 0; i < 20; i++) {
            Session s = (i % 4 == 0 ? embedded : store).create(SessionChanges.builder()
                    .principal(i % 2 == 0 ? "ann" : "bob").build());
            if (i % 2 == 0) {
                ann.add(s.key().value());
            }
        }
        Session later = store.create();
        store.apply(later.id(), SessionChanges.builder().principal("ann").build());
        ann.add(later.key().value());

        assertEquals(ann, recorded(grid, map, "ann"));
        assertEquals(ann, keysOf(store.findByPrincipal("ann")));
        assertEquals(ann, keysOf(embedded.findByPrincipal("ann")));
        assertEquals(10, store.findByPrincipal("bob").size());
        assertTrue(store.findByPrincipal("cy").isEmpty());
        for (HazelcastInstance member : grid.cluster().members()) {
            assertTrue(member.getMap(map).getLocalMapStats().getIndexStats().isEmpty(), "no index on the session map");
            assertEquals(InMemoryFormat.OBJECT, member.getConfig().findMapConfig(map).getInMemoryFormat());
        }
    }

    @Test
    void aSessionGivenAnotherPrincipalIsFoundAndEndedUnderItOnly(SharedGrid grid) {
        String map = grid.nextMapName();
        SessionStore store = grid.clientA().openStore(StoreSettings.builder().mapName(map).build());
        Session s = store.create(SessionChanges.builder().principal("ann").set("n", 1).build());
        store.apply(s.id(), SessionChanges.builder().principal("bob").build());

        assertTrue(store.findByPrincipal("ann").isEmpty());
        assertEquals(Set.of(s.key().value()), keysOf(store.findByPrincipal("bob")));
        assertEquals(0, store.invalidateByPrincipal("ann"), "the key in ann's entry is bob's session now");
        assertEquals(1, store.find(s.id()).orElseThrow().attribute("n"));
        assertTrue(recorded(grid, map, "ann").contains(s.key().value()),
                "a young key stays: its session might be a login's write still on its way");
        assertEquals(1, store.invalidateByPrincipal("bob"));
        assertTrue(store.find(s.id()).isEmpty());
    }

    @Test
    void aKeyAddedAheadOfItsSessionIsKeptUntilTheGraceHasPassed(SharedGrid grid) {
        String map = grid.nextMapName();
        SessionStore store = grid.clientA().openStore(StoreSettings.builder().mapName(map).build());
        String pending = new SecureRandomIdGenerator().next().key().value();
        principals(grid, map).executeOnKey("ann", new AddPrincipalKey(pending));

        assertTrue(store.findByPrincipal("ann").isEmpty());
        assertEquals(Set.of(pending), recorded(grid, map, "ann"), "kept: within the grace");

        long added = System.currentTimeMillis();
        await().atMost(Duration.ofSeconds(5)).until(() -> System.currentTimeMillis() > added + 5);
        assertEquals(1, principals(grid, map).executeOnKey("ann", new DropPrincipalKeys(List.of(pending), 60_000)),
                "younger than the grace given");
        assertEquals(0, principals(grid, map).executeOnKey("ann", new DropPrincipalKeys(List.of(pending), 1)));
        assertNull(principals(grid, map).get("ann"), "an entry without keys is removed");
    }

    @Test
    void endedSessionsLeaveTheirPrincipalsEntry(SharedGrid grid) {
        String map = grid.nextMapName();
        SessionStore store = grid.clientA().openStore(StoreSettings.builder().mapName(map).build());
        Session invalidated = store.create(SessionChanges.builder().principal("ann").build());
        Session expiring = store.create(SessionChanges.builder().principal("ann")
                .maxInactiveInterval(Duration.ofSeconds(1)).build());
        Session kept = store.create(SessionChanges.builder().principal("ann").build());
        var moved = store.changeId(kept.id());

        assertTrue(store.invalidate(invalidated.id()));
        await("the owner drops the key of an invalidated session").atMost(Duration.ofSeconds(10))
                .until(() -> !recorded(grid, map, "ann").contains(invalidated.key().value()));
        await("and of an expired one").atMost(Duration.ofSeconds(20))
                .until(() -> !recorded(grid, map, "ann").contains(expiring.key().value()));
        assertEquals(Set.of(moved.key().value()), keysOf(store.findByPrincipal("ann")),
                "an id change records the new key");

        assertEquals(1, store.invalidateByPrincipal("ann"));
        assertTrue(store.findByPrincipal("ann").isEmpty());
        await("the entry holds only the old key of the id change, young enough to keep")
                .atMost(Duration.ofSeconds(10))
                .until(() -> recorded(grid, map, "ann").equals(Set.of(kept.key().value())));
    }
}
