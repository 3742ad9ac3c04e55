package io.sessiongrid.client.hazelcast;

import com.hazelcast.map.IMap;
import io.sessiongrid.client.api.AttributeDecodeException;
import io.sessiongrid.client.api.EncryptionKeys;
import io.sessiongrid.client.api.Session;
import io.sessiongrid.client.api.SessionChanges;
import io.sessiongrid.client.api.SessionId;
import io.sessiongrid.client.api.SessionStore;
import io.sessiongrid.client.api.StoreSettings;
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
        assertTrue(read.isStoredAs("cart", List.of("book")), "in-place change detection compares plaintext");
        assertFalse(read.isStoredAs("cart", List.of("book", "pen")));

        SessionId next = writer.changeId(s.id());
        assertEquals(SECRET, reader.find(next).orElseThrow().attribute("card"), "values follow an id change");
    }

    @Test
    void aValueMovedToAnotherSessionOrAttributeFailsAuthentication(SharedGrid grid) {
        String map = grid.nextMapName();
        SessionStore store = grid.clientA().openStore(settings(map, keys(1)));
        Session victim = store.create(SessionChanges.builder().set("role", "admin").build());
        Session attacker = store.create(SessionChanges.builder().set("role", "user").set("note", "x").build());
        IMap<String, SessionRecord> raw = raw(grid, map);
        SessionRecord theirs = raw.get(victim.key().value());
        SessionRecord mine = raw.get(attacker.key().value());
        Map<String, byte[]> swapped = new HashMap<>(mine.attributes());
        swapped.put("role", theirs.attributes().get("role"));
        swapped.put("note", mine.attributes().get("role"));
        raw.set(mine.key(), new SessionRecord(mine.key(), mine.createdAt(), mine.lastAccessedAt(),
                mine.maxInactiveMillis(), mine.deadline(), mine.principal(), swapped, mine.version() + 1));

        Session tampered = store.find(attacker.id()).orElseThrow();
        AttributeDecodeException fromOtherSession = assertThrows(AttributeDecodeException.class,
                () -> tampered.attribute("role"));
        assertTrue(fromOtherSession.getMessage().contains("failed authentication"), fromOtherSession.getMessage());
        assertThrows(AttributeDecodeException.class, () -> tampered.attribute("note"), "moved between attributes");
        assertEquals("admin", store.find(victim.id()).orElseThrow().attribute("role"), "the victim is untouched");
        store.apply(attacker.id(), SessionChanges.builder().set("role", "user").build());
        assertEquals("user", store.find(attacker.id()).orElseThrow().attribute("role"), "the session stays usable");
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
    void aWrongKeyOrNoKeyIsAClearErrorOnThatAttributeOnly(SharedGrid grid) {
        String map = grid.nextMapName();
        SessionStore store = grid.clientA().openStore(settings(map, keys(1)));
        Session s = store.create(SessionChanges.builder().set("card", SECRET).build());

        SessionStore wrong = grid.clientB().openStore(settings(map, keys(1)));
        Session seenWrong = wrong.find(s.id()).orElseThrow();
        AttributeDecodeException e = assertThrows(AttributeDecodeException.class, () -> seenWrong.attribute("card"));
        assertEquals("card", e.attribute());
        assertTrue(e.getMessage().contains("the key differs from the writer's"), e.getMessage());
        assertFalse(e.getMessage().contains(SECRET));

        SessionStore plain = grid.clientB().openStore(StoreSettings.builder().mapName(map).build());
        Session seenPlain = plain.find(s.id()).orElseThrow();
        AttributeDecodeException none = assertThrows(AttributeDecodeException.class, () -> seenPlain.attribute("card"));
        assertTrue(none.getMessage().contains("configure session.encryption.keys"), none.getMessage());
        plain.apply(s.id(), SessionChanges.builder().set("other", 1).build());
        AttributeDecodeException unsealed = assertThrows(AttributeDecodeException.class,
                () -> store.find(s.id()).orElseThrow().attribute("other"));
        assertTrue(unsealed.getMessage().contains("not encrypted"), unsealed.getMessage());
        assertEquals(SECRET, store.find(s.id()).orElseThrow().attribute("card"));
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
}
