package io.sessiongrid.client.hazelcast;

import com.hazelcast.map.IMap;
import io.sessiongrid.client.api.AttributeDecodeException;
import io.sessiongrid.client.api.EncryptionKeys;
import io.sessiongrid.client.api.Session;
import io.sessiongrid.client.api.SessionChanges;
import io.sessiongrid.client.api.SessionId;
import io.sessiongrid.client.api.SessionKey;
import io.sessiongrid.client.api.SessionStore;
import io.sessiongrid.client.api.StoreSettings;
import io.sessiongrid.client.core.RecordSeal;
import io.sessiongrid.client.core.SessionRecord;
import io.sessiongrid.client.testing.SharedGrid;
import io.sessiongrid.client.testing.SharedGridResolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Application-level AES-GCM encryption of attribute values, against a real grid: members only ever hold
 * ciphertext; values cannot be moved between sessions or attributes; key rotation keeps old values readable;
 * a wrong or missing key is a clear per-attribute error that leaves the session usable.
 */
@ExtendWith(SharedGridResolver.class)
class EncryptionTest {
    private static final String SECRET = "card-4111-1111-1111-1111";
    private final SecureRandom random = new SecureRandom();

    @Test
    void membersHoldOnlyCiphertextAndAnotherClientWithTheKeysReadsIt(SharedGrid grid) {
        String map = grid.nextMapName();
        EncryptionKeys keys = keys(1);
        SessionStore writer = grid.clientA().openStore(settings(map, keys));
        SessionStore reader = grid.clientB().openStore(settings(map, keys));
        Session s = writer.create(SessionChanges.builder().set("card", SECRET).set("cart", List.of("book")).build());

        SessionRecord stored = raw(grid, map).get(s.key().value());
        for (byte[] value : stored.attributes().values()) {
            assertEquals(2, value[0], "sealed frame");
            assertEquals(1, value[1], "sealed with key 1");
            assertFalse(new String(value, StandardCharsets.ISO_8859_1).contains("4111"), "no plaintext in the grid");
        }
        assertEquals(SECRET, reader.find(s.id()).orElseThrow().attribute("card"));
        assertEquals(List.of("book"), reader.find(s.id()).orElseThrow().attribute("cart"));
        Session read = reader.find(s.id()).orElseThrow();
        assertTrue(read.storedValues().isStoredAs("cart", List.of("book")), "in-place change detection compares plaintext");
        assertFalse(read.storedValues().isStoredAs("cart", List.of("book", "pen")));

        SessionId next = writer.changeId(s.id());
        assertEquals(SECRET, reader.find(next).orElseThrow().attribute("card"), "values follow an id change");
    }

    @Test
    void aValueMovedToAnotherSessionOrAttributeIsDetected(SharedGrid grid) {
        String map = grid.nextMapName();
        EncryptionKeys keys = keys(1);
        SessionStore store = grid.clientA().openStore(settings(map, keys));
        Session victim = store.create(SessionChanges.builder().set("role", "admin").build());
        Session attacker = store.create(SessionChanges.builder().set("role", "user").set("note", "x").build());
        IMap<String, SessionRecord> raw = raw(grid, map);
        SessionRecord theirs = owned(grid, map, victim.key());
        SessionRecord mine = owned(grid, map, attacker.key());
        Map<String, byte[]> swapped = new HashMap<>(mine.attributes());
        swapped.put("role", theirs.attributes().get("role"));
        swapped.put("note", mine.attributes().get("role"));
        SessionRecord moved = mine.withAttributes(swapped).withSeal(mine.seal());
        raw.set(mine.key(), moved);
        assertTrue(store.find(attacker.id()).isEmpty(), "the record's seal no longer holds: no session");
        assertEquals("admin", store.find(victim.id()).orElseThrow().attribute("role"), "the victim is untouched");

        // Even a record sealed again by a key holder keeps each value bound to its session and attribute.
        raw.set(mine.key(), new RecordSeal(keys).sealed(moved));
        Session resealed = store.find(attacker.id()).orElseThrow();
        AttributeDecodeException fromOtherSession = assertThrows(AttributeDecodeException.class,
                () -> resealed.attribute("role"));
        assertTrue(fromOtherSession.getMessage().contains("failed authentication"), fromOtherSession.getMessage());
        assertThrows(AttributeDecodeException.class, () -> resealed.attribute("note"), "moved between attributes");
    }

    @Test
    void aSessionMadeUpInTheGridIsNoSessionAndHasNoPrincipal(SharedGrid grid) {
        String map = grid.nextMapName();
        SessionStore store = grid.clientA().openStore(settings(map, keys(1)));
        List<String> expired = new java.util.concurrent.CopyOnWriteArrayList<>();
        store.addExpiryListener(e -> expired.add(e.id().value()));
        Session real = store.create(SessionChanges.builder().set("role", "user").build());
        SessionId chosen = new io.sessiongrid.client.core.SecureRandomIdGenerator().next();
        SessionRecord template = owned(grid, map, real.key());
        raw(grid, map).set(chosen.key().value(), new SessionRecord(chosen.key().value(), template.createdAt(),
                System.currentTimeMillis(), 600_000, 0, "forged-admin", template.attributes(), 1, null, null, 1,
                template.seal()));
        assertTrue(store.find(chosen).isEmpty());
        assertTrue(store.findByPrincipal("forged-admin").isEmpty());
        raw(grid, map).evict(chosen.key().value());
        org.awaitility.Awaitility.await("no expiry reported for a made-up session")
                .during(java.time.Duration.ofSeconds(1)).atMost(java.time.Duration.ofSeconds(2))
                .until(expired::isEmpty);
        store.close();
    }

    @Test
    void aPrincipalChangedInTheGridIsDetected(SharedGrid grid) {
        String map = grid.nextMapName();
        SessionStore store = grid.clientA().openStore(settings(map, keys(1)));
        Session s = store.create(SessionChanges.builder().principal("enc-ann").build());
        SessionRecord stored = owned(grid, map, s.key());
        raw(grid, map).set(s.key().value(), new SessionRecord(stored.key(), stored.createdAt(),
                stored.lastAccessedAt(), stored.maxInactiveMillis(), stored.deadline(), "enc-admin",
                stored.attributes(), stored.version() + 1, null, null, stored.contentVersion(), stored.seal()));
        assertTrue(store.find(s.id()).isEmpty());
        assertTrue(store.findByPrincipal("enc-admin").isEmpty());
    }

    @Test
    void aValueRolledBackInTheGridIsDetected(SharedGrid grid) {
        String map = grid.nextMapName();
        EncryptionKeys keys = keys(1);
        SessionStore store = grid.clientA().openStore(settings(map, keys));
        Session s = store.create(SessionChanges.builder().set("balance", 100).set("user", "ann").build());
        byte[] rich = owned(grid, map, s.key()).attributes().get("balance");
        store.apply(s.id(), SessionChanges.builder().set("balance", 0).build());
        SessionRecord now = owned(grid, map, s.key());
        Map<String, byte[]> rolledBack = new HashMap<>(now.attributes());
        rolledBack.put("balance", rich);
        raw(grid, map).set(s.key().value(), now.withAttributes(rolledBack).withSeal(now.seal()));
        SessionStore reader = grid.clientB().openStore(settings(map, keys));
        assertTrue(reader.find(s.id()).isEmpty(), "any reader of the owner's record refuses it");
    }

    @Test
    void aWholeRecordRolledBackIsRefusedByAnInstanceThatReadItsNewerContent(SharedGrid grid) {
        String map = grid.nextMapName();
        SessionStore store = grid.clientA().openStore(settings(map, keys(1)));
        Session s = store.create(SessionChanges.builder().set("balance", 100).build());
        SessionRecord before = owned(grid, map, s.key());
        store.apply(s.id(), SessionChanges.builder().set("balance", 0).build());
        assertEquals(0, store.find(s.id()).orElseThrow().attribute("balance"));
        raw(grid, map).set(s.key().value(), before);
        assertTrue(store.find(s.id()).isEmpty(), "older content than this instance read");
    }

    @Test
    void rotationWritesWithTheNewKeyAndStillReadsTheOld(SharedGrid grid) {
        String map = grid.nextMapName();
        byte[] k1 = key();
        byte[] k2 = key();
        SessionStore before = grid.clientA().openStore(settings(map, EncryptionKeys.of(1, Map.of(1, k1))));
        Session s = before.create(SessionChanges.builder().set("old", "written with key 1").build());

        SessionStore rotated = grid.clientB().openStore(settings(map, EncryptionKeys.of(2, Map.of(2, k2, 1, k1))));
        assertEquals("written with key 1", rotated.find(s.id()).orElseThrow().attribute("old"));
        rotated.apply(s.id(), SessionChanges.builder().set("new", "written with key 2").build());
        SessionRecord stored = raw(grid, map).get(s.key().value());
        assertEquals(1, stored.attributes().get("old")[1]);
        assertEquals(2, stored.attributes().get("new")[1]);

        SessionStore retired = grid.embedded().openStore(settings(map, EncryptionKeys.of(2, Map.of(2, k2))));
        Session seen = retired.find(s.id()).orElseThrow();
        assertEquals("written with key 2", seen.attribute("new"));
        AttributeDecodeException missing = assertThrows(AttributeDecodeException.class, () -> seen.attribute("old"));
        assertTrue(missing.getMessage().contains("key 1, which this store does not have"), missing.getMessage());
    }

    @Test
    void aStoreWithAnotherKeySeesNoSessionAndOneWithoutKeysAClearErrorPerAttribute(SharedGrid grid) {
        String map = grid.nextMapName();
        SessionStore store = grid.clientA().openStore(settings(map, keys(1)));
        Session s = store.create(SessionChanges.builder().set("card", SECRET).build());

        SessionStore wrong = grid.clientB().openStore(settings(map, keys(1)));
        assertTrue(wrong.find(s.id()).isEmpty(), "a store with another key cannot check the seal: no session");

        SessionStore plain = grid.clientB().openStore(StoreSettings.builder().mapName(map).build());
        Session seenPlain = plain.find(s.id()).orElseThrow();
        AttributeDecodeException none = assertThrows(AttributeDecodeException.class, () -> seenPlain.attribute("card"));
        assertEquals("card", none.attribute());
        assertTrue(none.getMessage().contains("configure session.encryption.keys"), none.getMessage());
        assertFalse(none.getMessage().contains(SECRET));
        assertEquals(SECRET, store.find(s.id()).orElseThrow().attribute("card"));
        plain.apply(s.id(), SessionChanges.builder().set("other", 1).build());
        assertTrue(store.find(s.id()).isEmpty(), "a write without the keys leaves the record unsealed");
    }

    @Test
    void keysAreValidatedAndNeverPrinted() {
        byte[] k = key();
        String base64 = java.util.Base64.getEncoder().encodeToString(k);
        EncryptionKeys parsed = EncryptionKeys.parse("5:" + base64 + ", 4:" + base64);
        assertEquals(5, parsed.currentId());
        assertFalse(parsed.toString().contains(base64));
        assertThrows(IllegalArgumentException.class, () -> EncryptionKeys.parse("1:c2hvcnQ="), "5-byte key");
        assertThrows(IllegalArgumentException.class, () -> EncryptionKeys.parse("0:" + base64), "id 0");
        assertThrows(IllegalArgumentException.class, () -> EncryptionKeys.parse("1:" + base64 + ",1:" + base64));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> EncryptionKeys.parse("1:" + base64.substring(0, 10) + "!!"));
        assertFalse(bad.getMessage().contains(base64.substring(0, 10)), "the message never repeats key material");
    }

    private static StoreSettings settings(String map, EncryptionKeys keys) {
        return StoreSettings.builder().mapName(map).encryptionKeys(keys).build();
    }

    private EncryptionKeys keys(int id) {
        return EncryptionKeys.of(id, Map.of(id, key()));
    }

    private byte[] key() {
        byte[] k = new byte[32];
        random.nextBytes(k);
        return k;
    }

    private static IMap<String, SessionRecord> raw(SharedGrid grid, String map) {
        return grid.embedded().hazelcast().getMap(map);
    }

    /** The record as its owner holds it (an entry view bypasses this member's near cache). */
    private static SessionRecord owned(SharedGrid grid, String map, SessionKey key) {
        return raw(grid, map).getEntryView(key.value()).getValue();
    }
}
