package io.sessiongrid.client.hazelcast;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.client.map.impl.nearcache.NearCachedClientMapProxy;
import com.hazelcast.instance.impl.HazelcastInstanceProxy;
import com.hazelcast.map.impl.MapService;
import com.hazelcast.map.impl.proxy.NearCachedMapProxyImpl;
import io.sessiongrid.client.api.ReadMode;
import io.sessiongrid.client.api.Session;
import io.sessiongrid.client.api.SessionChanges;
import io.sessiongrid.client.api.SessionStore;
import io.sessiongrid.client.api.StoreSettings;
import io.sessiongrid.client.testing.LocalCluster;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A {@code VALIDATED} read costs one round trip to the owner, whether this instance holds a copy or not. */
class ValidatedReadTest {

    @Test
    void aValidatedReadIsOneRoundTripWithOrWithoutALocalCopy() {
        try (LocalCluster cluster = new LocalCluster(1);
             SessionGrid writerGrid = SessionGrid.client(cluster.clientSettings().build());
             SessionGrid readerGrid = SessionGrid.client(cluster.clientSettings().build())) {
            HazelcastInstance member = cluster.members().get(0);
            Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
            member.getUserContext().put(EntryProcessorTimings.USER_CONTEXT_KEY, (EntryProcessorTimings)
                    (processor, nanos) -> runs.computeIfAbsent(processor, p -> new AtomicInteger()).incrementAndGet());
            StoreSettings settings = StoreSettings.builder().mapName("sessions-rt").build();
            SessionStore writer = writerGrid.openStore(settings);
            SessionStore reader = readerGrid.openStore(settings);
            Session s = writer.create(SessionChanges.builder().set("user", "ann").build());
            reader.touch(s.id());

            runs.clear();
            long getsBefore = gets(member);
            assertEquals("ann", reader.find(s.id()).orElseThrow().attribute("user"), "no local copy yet");
            assertEquals(Map.of("ReadIfChanged", 1), counts(runs));
            assertEquals(0, gets(member) - getsBefore);

            runs.clear();
            assertEquals("ann", reader.find(s.id()).orElseThrow().attribute("user"), "with a current copy");
            assertEquals(Map.of("ReadIfChanged", 1), counts(runs));

            writer.apply(s.id(), SessionChanges.builder().set("user", "bob").build());
            runs.clear();
            assertEquals("bob", reader.find(s.id()).orElseThrow().attribute("user"), "with a stale copy");
            assertEquals(Map.of("ReadIfChanged", 1), counts(runs));
            assertEquals(0, gets(member) - getsBefore);
        }
    }

    /**
     * A grid configured for validated reads (the filter's and the starter's default) has no Hazelcast near cache, so
     * the owner keeps no invalidation listener for it and sends it nothing per write; its copies still spare the
     * record's transfer when current.
     */
    @Test
    void aGridForValidatedReadsTakesNoInvalidationsAndRefusesAStickyStore() {
        try (LocalCluster cluster = new LocalCluster(2, 1)) {
            HazelcastInstance member = cluster.members().get(0);
            String map = "sessions-nc";
            member.getMap(map);
            int before = invalidationListeners(member, map);
            StoreSettings validated = StoreSettings.builder().mapName(map).readMode(ReadMode.VALIDATED).build();
            try (SessionGrid client = SessionGrid.client(cluster.clientSettings().readMode(ReadMode.VALIDATED).build());
                 SessionGrid embedded = SessionGrid.embedded(cluster.memberSettings(1)
                         .readMode(ReadMode.VALIDATED).build())) {
                for (SessionGrid grid : List.of(client, embedded)) {
                    SessionStore store = grid.openStore(validated);
                    Session s = store.create(SessionChanges.builder().set("user", "ann").build());
                    store.apply(s.id(), SessionChanges.builder().set("user", "bob").build());
                    assertEquals("bob", store.find(s.id()).orElseThrow().attribute("user"));
                    assertEquals("bob", store.find(s.id()).orElseThrow().attribute("user"));
                    assertFalse(grid.hazelcast().getMap(map) instanceof NearCachedClientMapProxy<?, ?>
                            || grid.hazelcast().getMap(map) instanceof NearCachedMapProxyImpl<?, ?>);
                    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                            () -> grid.openStore(StoreSettings.builder().mapName(map).readMode(ReadMode.STICKY).build()));
                    assertTrue(refused.getMessage().contains("session.read-mode"), refused.getMessage());
                }
                assertEquals(before, invalidationListeners(member, map));
                try (SessionGrid sticky = SessionGrid.client(cluster.clientSettings().readMode(ReadMode.STICKY).build())) {
                    SessionStore store = sticky.openStore(StoreSettings.builder().mapName(map)
                            .readMode(ReadMode.STICKY).build());
                    store.find(store.create().id());
                    // The near cache registers its listener asynchronously.
                    await("a sticky client listens").atMost(Duration.ofSeconds(10))
                            .until(() -> invalidationListeners(member, map) > before);
                }
            }
        }
    }

    private static int invalidationListeners(HazelcastInstance member, String map) {
        return ((HazelcastInstanceProxy) member).getOriginal().node.getNodeEngine().getEventService()
                .getRegistrations(MapService.SERVICE_NAME, map).size();
    }

    private static long gets(HazelcastInstance member) {
        return member.getMap("sessions-rt").getLocalMapStats().getGetOperationCount();
    }

    private static Map<String, Integer> counts(Map<String, AtomicInteger> runs) {
        Map<String, Integer> counts = new java.util.TreeMap<>();
        runs.forEach((name, n) -> counts.put(name, n.get()));
        return counts;
    }
}
