package io.sessiongrid.client.hazelcast;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.config.CompactSerializationConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.sessiongrid.client.api.Session;
import io.sessiongrid.client.api.SessionChanges;
import io.sessiongrid.client.api.SessionId;
import io.sessiongrid.client.api.SessionStore;
import io.sessiongrid.client.api.StoreSettings;
import io.sessiongrid.client.core.SecureRandomIdGenerator;
import io.sessiongrid.client.core.SessionRecord;
import io.sessiongrid.client.testing.LocalCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The owner answers a validated read whose copy is current from the record's stored fields, without decoding the
 * record, and decodes it for every other answer: a stale copy, an expired session, a session that moved.
 */
class StoredRecordHeaderTest {
    private static LocalCluster cluster;
    private static SessionGrid grid;
    private static HazelcastInstance writerOfOddRecords;

    @BeforeAll
    static void start() {
        cluster = new LocalCluster(2);
        grid = SessionGrid.client(cluster.clientSettings().build());
        writerOfOddRecords = clientWriting(PartialRecordSerializer.withoutAttributes());
    }

    @AfterAll
    static void stop() {
        writerOfOddRecords.shutdown();
        grid.close();
        cluster.close();
    }

    @Test
    void aCurrentCopyIsConfirmedWithoutDecodingTheRecord() {
        String map = "sessions-header-current";
        String key = new SecureRandomIdGenerator().next().key().value();
        // A record the decoder refuses (its attribute fields are missing): only the stored fields can answer.
        writerOfOddRecords.getMap(map).set(key, new SessionRecord(key, 1_000, System.currentTimeMillis(), 600_000, 0,
                "ann", Map.of(), 7));
        IMap<String, SessionRecord> sessions = grid.hazelcast().getMap(map);

        assertInstanceOf(Long.class, sessions.executeOnKey(key, new ReadIfChanged(7)), "current copy: the owner's time");
        assertThrows(RuntimeException.class, () -> sessions.executeOnKey(key, new ReadIfChanged(6)),
                "a stale copy needs the record, so the owner decodes it");
    }

    @Test
    void everyOtherAnswerComesFromTheDecodedRecord() {
        String map = "sessions-header-others";
        SessionStore store = grid.openStore(StoreSettings.builder().mapName(map).build());
        IMap<String, SessionRecord> sessions = grid.hazelcast().getMap(map);
        Session s = store.create(SessionChanges.builder().set("user", "ann").build());
        String key = s.key().value();
        long version = sessions.get(key).version();

        assertInstanceOf(Long.class, sessions.executeOnKey(key, new ReadIfChanged(version)));
        assertEquals("ann", store.find(s.id()).orElseThrow().attribute("user"));
        Object stale = sessions.executeOnKey(key, new ReadIfChanged(version - 1));
        assertEquals(version, assertInstanceOf(OwnerCopy.class, stale).record().version());

        SessionId moved = store.changeId(s.id());
        long forwardingVersion = sessions.get(key).version();
        assertEquals(ReadIfChanged.MOVED, sessions.executeOnKey(key, new ReadIfChanged(forwardingVersion)),
                "a forwarding record at the copy's version is still gone");
        assertInstanceOf(Long.class, sessions.executeOnKey(moved.key().value(),
                new ReadIfChanged(sessions.get(moved.key().value()).version())));

        // Idle since 10 minutes, with 1 minute allowed, and written without a deadline field (an earlier version's
        // record): expired at its version, whatever the copy says.
        String idle = new SecureRandomIdGenerator().next().key().value();
        HazelcastInstance earlier = clientWriting(PartialRecordSerializer.earlierVersion());
        try {
            earlier.getMap(map).set(idle, new SessionRecord(idle, 1_000, System.currentTimeMillis() - 600_000, 60_000,
                    0, "bob", Map.of(), 3));
        } finally {
            earlier.shutdown();
        }
        assertNull(sessions.executeOnKey(idle, new ReadIfChanged(3)));
    }

    /** A client of the cluster that writes records with {@code records} instead of the grid's serializer. */
    private static HazelcastInstance clientWriting(PartialRecordSerializer records) {
        ClientConfig config = GridConfigs.client(cluster.clientSettings().build());
        config.getSerializationConfig().setCompactSerializationConfig(
                new CompactSerializationConfig().addSerializer(records));
        config.getConnectionStrategyConfig().setAsyncStart(false);
        return HazelcastClient.newHazelcastClient(config);
    }
}
