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
 * The owner's answers to a validated read (a current copy, a stale copy, an expired session, a session that moved),
 * and the stored form they read: the session map holds decoded records, so bytes that are no record never get in.
 */
class ReadIfChangedTest {
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
    void aRecordTheDecoderRefusesIsRefusedWhenWritten() {
        String map = "sessions-odd-record";
        String key = new SecureRandomIdGenerator().next().key().value();
        // Its attribute fields are missing: the member decodes what it stores, so the write fails and stores nothing.
        assertThrows(RuntimeException.class, () -> writerOfOddRecords.getMap(map).set(key, new SessionRecord(key,
                1_000, System.currentTimeMillis(), 600_000, 0, "ann", Map.of(), 7)));
        IMap<String, SessionRecord> sessions = grid.hazelcast().getMap(map);
        assertNull(sessions.executeOnKey(key, new ReadIfChanged(7)));
        assertEquals(0, sessions.size());
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
