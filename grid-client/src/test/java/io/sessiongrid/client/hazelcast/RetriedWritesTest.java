package io.sessiongrid.client.hazelcast;

import com.hazelcast.map.IMap;
import io.sessiongrid.client.api.Session;
import io.sessiongrid.client.api.SessionChanges;
import io.sessiongrid.client.api.SessionId;
import io.sessiongrid.client.api.SessionStore;
import io.sessiongrid.client.api.StoreSettings;
import io.sessiongrid.client.core.AttributeDelta;
import io.sessiongrid.client.core.SecureRandomIdGenerator;
import io.sessiongrid.client.core.SessionRecord;
import io.sessiongrid.client.testing.LocalCluster;
import io.sessiongrid.client.testing.SharedGrid;
import io.sessiongrid.client.testing.SharedGridResolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a call retried after its answer was lost (its member left mid-call) does on the owner: a write is not
 * applied twice over what landed meanwhile, a create finds itself, and an id change's retire step recognises its
 * own success instead of leaving the user without a session. The forwarding record an id change leaves behind is
 * invisible to readers, principal lookups and expiry listeners.
 */
@ExtendWith(SharedGridResolver.class)
class RetriedWritesTest {

    @Test
    void aReplayedWriteDoesNotOverwriteWhatLandedAfterIt(SharedGrid grid) {
        String map = grid.nextMapName();
        SessionStore store = grid.clientA().openStore(StoreSettings.builder().mapName(map).build());
        Session s = store.create();
        IMap<String, SessionRecord> records = grid.clientB().hazelcast().getMap(map);
        long writeId = 42_4242_4242L;
        long first = records.executeOnKey(s.key().value(), write("cart", "first", writeId));
        store.apply(s.id(), SessionChanges.builder().set("cart", "meanwhile").build());
        long replayed = records.executeOnKey(s.key().value(), write("cart", "first", writeId));
        assertEquals(first + 1, replayed, "answered with the current version, nothing applied");
        assertEquals("meanwhile", store.find(s.id()).orElseThrow().attribute("cart"));
    }

    @Test
    void aWriteReplayedAfterItsOwnerDiedIsRecognisedByTheNewOwner() {
        try (LocalCluster cluster = new LocalCluster(3);
             SessionGrid client = SessionGrid.client(cluster.clientSettings().build())) {
            SessionStore store = client.openStore(StoreSettings.builder().mapName("sessions-replay").build());
            Session s = store.create();
            IMap<String, SessionRecord> records = client.hazelcast().getMap("sessions-replay");
            long writeId = 7_777_777L;
            records.executeOnKey(s.key().value(), write("cart", "first", writeId));
            store.apply(s.id(), SessionChanges.builder().set("cart", "meanwhile").build());
            cluster.members().stream().filter(m -> m.getPartitionService().getPartition(s.key().value()).getOwner()
                    .localMember()).findFirst().orElseThrow().getLifecycleService().terminate();
            await().atMost(Duration.ofSeconds(30)).until(() -> client.hazelcast().getCluster().getMembers().size() == 2);
            records.executeOnKey(s.key().value(), write("cart", "first", writeId));
            assertEquals("meanwhile", store.find(s.id()).orElseThrow().attribute("cart"));
        }
    }

    @Test
    void aRetriedCreateFindsItsOwnSessionAndAnotherIsRefused(SharedGrid grid) {
        String map = grid.nextMapName();
        IMap<String, SessionRecord> records = grid.clientA().hazelcast().getMap(map);
        String key = new SecureRandomIdGenerator().next().key().value();
        SessionRecord template = new SessionRecord(key, 0, 0, 60_000, 0, null, Map.of(), 1);
        long created = records.executeOnKey(key, new Create(template, 11L));
        assertTrue(created > 0);
        assertEquals(created, records.executeOnKey(key, new Create(template, 11L)), "the retry finds itself");
        assertEquals(Create.TAKEN, records.executeOnKey(key, new Create(template, 12L)), "another create is refused");
    }

    @Test
    void aRetiredIdAnswersRetiredAgainSoARetriedIdChangeKeepsTheSession(SharedGrid grid) {
        String map = grid.nextMapName();
        SessionStore store = grid.clientA().openStore(StoreSettings.builder().mapName(map).build());
        Session s = store.create(SessionChanges.builder().set("user", "ann").build());
        IMap<String, SessionRecord> records = grid.clientB().hazelcast().getMap(map);
        SessionRecord current = records.get(s.key().value());
        String newKey = "n" + s.key().value().substring(1);
        records.executeOnKey(newKey, new Install(current.withKey(newKey)));
        RetireIfUnchanged retire = new RetireIfUnchanged(current.version(), newKey);
        assertEquals(RetireIfUnchanged.RETIRED, (int) records.executeOnKey(s.key().value(), retire));
        assertEquals(RetireIfUnchanged.RETIRED, (int) records.executeOnKey(s.key().value(),
                new RetireIfUnchanged(current.version(), newKey)), "the retry recognises its own success");
        assertEquals(RetireIfUnchanged.GONE, (int) records.executeOnKey(s.key().value(),
                new RetireIfUnchanged(current.version(), "another")), "another id change finds it gone");
    }

    @Test
    void theForwardingRecordOfAnIdChangeIsInvisible(SharedGrid grid) {
        String map = grid.nextMapName();
        SessionStore store = grid.clientA().openStore(StoreSettings.builder().mapName(map).build());
        List<String> expired = new CopyOnWriteArrayList<>();
        store.addExpiryListener(e -> expired.add(e.id().value()));
        Session s = store.create(SessionChanges.builder().principal("fwd-ann").set("user", "ann").build());
        SessionId next = store.changeId(s.id());
        assertTrue(store.find(s.id()).isEmpty());
        assertTrue(store.describe(s.key()).isEmpty());
        assertEquals(List.of(next.key()), store.findByPrincipal("fwd-ann").stream().map(i -> i.key()).toList());
        grid.clientB().hazelcast().getMap(map).evict(s.key().value());
        await("no expiry event for the forwarding record").during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(2)).until(expired::isEmpty);
        assertEquals("ann", store.find(next).orElseThrow().attribute("user"));
        store.close();
    }

    private static ApplyDelta write(String name, String value, long writeId) {
        return new ApplyDelta(new AttributeDelta(Map.of(name, encoded(value)), Set.of(), false,
                AttributeDelta.UNCHANGED, false, null), writeId, Long.MAX_VALUE);
    }

    /** How the default codec stores a short string: frame 0, then its Java serialization. */
    private static byte[] encoded(String value) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        bytes.write(0);
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
