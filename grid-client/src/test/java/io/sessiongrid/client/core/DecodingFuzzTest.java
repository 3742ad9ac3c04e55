package io.sessiongrid.client.core;

import io.sessiongrid.client.api.AttributeDecodeException;
import io.sessiongrid.client.api.EncryptionKeys;
import io.sessiongrid.client.api.MalformedSessionIdException;
import io.sessiongrid.client.api.Session;
import io.sessiongrid.client.api.SessionChanges;
import io.sessiongrid.client.api.SessionId;
import io.sessiongrid.client.api.StoreSettings;
import io.sessiongrid.client.testing.Gadget;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Property-based fuzzing (jqwik, with shrinking) of the two places where bytes from outside become ours: parsing
 * a presented id, and decoding a stored value. An id either parses to exactly itself or is refused without being
 * echoed; any stored bytes, random or a damaged real encoding, plain or encrypted, either decode or fail as an
 * AttributeDecodeException of that attribute alone, and never run a class outside the allowlist.
 */
class DecodingFuzzTest {
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    private final SessionRules plain = new SessionRules(StoreSettings.defaults(), getClass().getClassLoader());
    private final SessionRules sealed = new SessionRules(StoreSettings.builder()
            .encryptionKeys(EncryptionKeys.of(1, Map.of(1, new byte[32]))).build(), getClass().getClassLoader());
    private final SessionId id = SessionId.fromRandomBytes(new byte[SessionId.RANDOM_BYTES]);

    @Property(tries = 3000)
    void anyTextParsesToItselfOrIsRefusedWithoutBeingEchoed(@ForAll("presentedIds") String text) {
        try {
            SessionId parsed = SessionId.parse(text);
            assertEquals(text, parsed.value());
            assertTrue(text.matches("[A-Za-z0-9_-]{43}"), text);
            assertEquals(parsed, SessionId.parse(parsed.value()));
        } catch (MalformedSessionIdException refused) {
            assertFalse(text.length() >= 4 && refused.getMessage().contains(text), refused.getMessage());
        }
    }

    @Provide
    Arbitrary<String> presentedIds() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(100),
                Arbitraries.strings().withChars(ALPHABET + "+/=. \u0000\u00e9\uff21\u200b").ofLength(43),
                Arbitraries.strings().withChars(ALPHABET).ofMinLength(41).ofMaxLength(45),
                Arbitraries.strings().withChars(ALPHABET).ofLength(43));
    }

    @Property(tries = 2000)
    void randomStoredBytesDecodeOrFailForThatAttributeOnly(@ForAll @Size(max = 300) byte[] bytes,
                                                           @ForAll boolean encrypted) {
        assertDecodesOrFailsAlone(encrypted ? sealed : plain, bytes);
    }

    @Property(tries = 2000)
    void damagedRealEncodingsDecodeOrFailForThatAttributeOnly(@ForAll("values") Object value,
                                                              @ForAll boolean encrypted,
                                                              @ForAll @IntRange(max = 10_000) int where,
                                                              @ForAll @IntRange(max = 255) int xor,
                                                              @ForAll @IntRange(max = 3) int damage) {
        SessionRules rules = encrypted ? sealed : plain;
        byte[] good = rules.encode(id.key(), SessionChanges.builder().set("x", value).build()).set().get("x");
        byte[] bytes;
        int at = where % good.length;
        switch (damage) {
            case 0 -> {
                bytes = good.clone();
                bytes[at] ^= (byte) (xor == 0 ? 1 : xor);
            }
            case 1 -> bytes = java.util.Arrays.copyOf(good, at);
            case 2 -> {
                bytes = new byte[good.length + 1];
                System.arraycopy(good, 0, bytes, 0, at);
                bytes[at] = (byte) xor;
                System.arraycopy(good, at, bytes, at + 1, good.length - at);
            }
            default -> bytes = good;
        }
        Object decoded = assertDecodesOrFailsAlone(rules, bytes);
        if (damage == 3) {
            assertEquals(value, decoded);
        }
    }

    @Example
    void storedBytesThatDecodeToNullReadAsAbsent() throws Exception {
        java.io.ByteArrayOutputStream serializedNull = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(serializedNull)) {
            out.writeObject(null);
        }
        byte[] good = plain.encode(id.key(), SessionChanges.builder().set("x", "v").build()).set().get("x");
        byte[] framed = new byte[serializedNull.size() + 1];
        framed[0] = good[0];
        System.arraycopy(serializedNull.toByteArray(), 0, framed, 1, serializedNull.size());
        assertNull(assertDecodesOrFailsAlone(plain, framed));
    }

    @Provide
    Arbitrary<Object> values() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(50).map(s -> (Object) s),
                Arbitraries.integers().map(i -> (Object) i),
                Arbitraries.strings().ofMaxLength(10).list().ofMaxSize(20).map(l -> (Object) new ArrayList<>(l)),
                Arbitraries.maps(Arbitraries.strings().ofMaxLength(5), Arbitraries.longs()).ofMaxSize(10)
                        .map(m -> (Object) new HashMap<>(m)),
                Arbitraries.strings().withChars("ab").ofLength(20_000).map(s -> (Object) s));
    }

    /** Decodes "x" from a record that also holds a good "ok"; returns x's value, or null if it failed cleanly. */
    private Object assertDecodesOrFailsAlone(SessionRules rules, byte[] bytes) {
        int gadgetReads = Gadget.READS.get();
        Map<String, byte[]> attributes = new HashMap<>();
        attributes.put("x", bytes);
        attributes.put("ok", rules.encode(id.key(), SessionChanges.builder().set("ok", "fine").build()).set()
                .get("ok"));
        Session session = rules.view(id, new SessionRecord(id.key().value(), 1, 1, 60_000, 0, null, attributes, 1));
        Object value = null;
        try {
            value = session.attribute("x");
        } catch (AttributeDecodeException e) {
            assertEquals("x", e.attribute());
        }
        assertEquals("fine", session.attribute("ok"));
        assertEquals(gadgetReads, Gadget.READS.get(), "no refused class ran");
        return value;
    }
}
