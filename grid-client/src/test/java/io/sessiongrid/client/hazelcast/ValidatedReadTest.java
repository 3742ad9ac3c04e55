package io.sessiongrid.client.hazelcast;

import com.hazelcast.core.HazelcastInstance;
import io.sessiongrid.client.api.Session;
import io.sessiongrid.client.api.SessionChanges;
import io.sessiongrid.client.api.SessionStore;
import io.sessiongrid.client.api.StoreSettings;
import io.sessiongrid.client.testing.LocalCluster;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

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

    private static long gets(HazelcastInstance member) {
        return member.getMap("sessions-rt").getLocalMapStats().getGetOperationCount();
    }

    private static Map<String, Integer> counts(Map<String, AtomicInteger> runs) {
        Map<String, Integer> counts = new java.util.TreeMap<>();
        runs.forEach((name, n) -> counts.put(name, n.get()));
        return counts;
    }
}
