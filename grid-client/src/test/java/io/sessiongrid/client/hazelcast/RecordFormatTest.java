package io.sessiongrid.client.hazelcast;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.config.CompactSerializationConfig;
import com.hazelcast.core.HazelcastInstance;
import io.sessiongrid.client.api.Session;
import io.sessiongrid.client.api.SessionChanges;
import io.sessiongrid.client.api.SessionStore;
import io.sessiongrid.client.api.StoreSettings;
import io.sessiongrid.client.core.SecureRandomIdGenerator;
import io.sessiongrid.client.core.SessionRecord;
import io.sessiongrid.client.testing.SharedGrid;
import io.sessiongrid.client.testing.SharedGridResolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The stored form: keys are hashes and records evolve compatibly. */
@ExtendWith(SharedGridResolver.class)
class RecordFormatTest {

    @Test
    void recordWrittenByAnEarlierVersionIsReadAndUpdated(SharedGrid grid) {
        String map = grid.nextMapName();
        ClientConfig old = GridConfigs.client(grid.cluster().clientSettings().build());
        old.getSerializationConfig().setCompactSerializationConfig(
                new CompactSerializationConfig().addSerializer(PartialRecordSerializer.earlierVersion()));
        old.getConnectionStrategyConfig().setAsyncStart(false);
        HazelcastInstance oldClient = HazelcastClient.newHazelcastClient(old);
        try {
            var id = new SecureRandomIdGenerator().next();
            SessionRecord record = new SessionRecord(id.key().value(), 1_000, System.currentTimeMillis(), 600_000, 0,
                    "ann", Map.of(), 7);
            oldClient.getMap(map).set(id.key().value(), record);

            SessionStore store = grid.clientA().openStore(StoreSettings.builder().mapName(map).build());
            Session read = store.find(id).orElseThrow();
            assertEquals("ann", read.principal().orElseThrow());
            assertEquals(7, read.version());
            store.apply(id, SessionChanges.builder().set("a", 1).build());
            assertEquals(1, store.find(id).orElseThrow().attribute("a"));
        } finally {
            oldClient.shutdown();
        }
    }

    @Test
    void theMapHoldsKeyHashesNeverSessionIds(SharedGrid grid) {
        String map = grid.nextMapName();
        SessionStore store = grid.embedded().openStore(StoreSettings.builder().mapName(map).build());
        Session s = store.create(SessionChanges.builder().set("user", "ann").build());
        var keys = grid.clientB().hazelcast().getMap(map).keySet();
        assertEquals(java.util.Set.of(s.key().value()), keys);
        assertTrue(keys.stream().noneMatch(k -> k.equals(s.id().value())));
        assertTrue(!s.toString().contains(s.id().value()) && !s.id().toString().contains(s.id().value()));
    }
}
