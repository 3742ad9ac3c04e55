package io.sessiongrid.client.core;

import io.sessiongrid.client.api.AttributeClassNotAllowedException;
import io.sessiongrid.client.api.AttributeCodec;
import io.sessiongrid.client.api.AttributeDecodeException;
import io.sessiongrid.client.api.AttributeRejectedException;
import io.sessiongrid.client.testing.AllowedValue;
import io.sessiongrid.client.testing.Gadget;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CodecTest {
    private final ClassLoader loader = getClass().getClassLoader();
    private final AttributeCodec strict = new CompressingCodec(
            new JavaSerializationCodec(new ClassAllowlist(List.of(), 16), loader), 1024, 1 << 20);

    @Test
    void jdkValuesAndCollectionsRoundTrip() {
        Map<String, Object> values = new HashMap<>();
        values.put("string", "text");
        values.put("number", 42L);
        values.put("decimal", new BigDecimal("12.50"));
        values.put("when", Instant.parse("2026-11-24T10:00:00Z"));
        values.put("day", LocalDate.of(2026, 11, 24));
        values.put("uuid", UUID.randomUUID());
        values.put("list", new ArrayList<>(List.of(1, "two", 3.0)));
        values.put("immutable", Map.of("k", List.of(1, 2)));
        values.put("bytes", new byte[]{1, 2, 3});
        values.put("ints", new int[]{4, 5});
        values.forEach((name, value) -> {
            Object back = strict.decode(name, strict.encode(name, value));
            if (value instanceof byte[] b) {
                assertArrayEquals(b, (byte[]) back);
            } else if (value instanceof int[] i) {
                assertArrayEquals(i, (int[]) back);
            } else {
                assertEquals(value, back, name);
            }
        });
    }

    @Test
    void applicationClassesNeedAnAllowlistEntry() {
        AttributeRejectedException e = assertThrows(AttributeRejectedException.class,
                () -> strict.encode("v", new AllowedValue("x")));
        assertEquals("v", e.attribute());
        AttributeCodec allowing = new JavaSerializationCodec(
                new ClassAllowlist(List.of("io.sessiongrid.client.testing.AllowedValue"), 16), loader);
        assertEquals(new AllowedValue("x"), allowing.decode("v", allowing.encode("v", new AllowedValue("x"))));
    }

    @Test
    void gadgetNestedInsideAnAllowedCollectionIsRefusedBeforeItsReadObjectRuns() throws IOException {
        byte[] framed = framed(javaSerialized(new ArrayList<>(List.of("harmless", new Gadget()))));
        int before = Gadget.READS.get();
        AttributeClassNotAllowedException e = assertThrows(AttributeClassNotAllowedException.class,
                () -> strict.decode("list", framed));
        assertTrue(e.getMessage().contains(Gadget.class.getName()), e.getMessage());
        assertEquals(before, Gadget.READS.get());
    }

    @Test
    void largeValuesAreDeflatedAndSmallOnesAreNot() {
        String big = "abc".repeat(10_000);
        byte[] stored = strict.encode("big", big);
        assertEquals(1, stored[0]);
        assertTrue(stored.length < 1000, "deflated to " + stored.length);
        assertEquals(big, strict.decode("big", stored));
        assertEquals(0, strict.encode("small", "abc")[0]);
    }

    @Test
    void damagedOrInflatingFramesAreRefused() {
        assertThrows(AttributeDecodeException.class, () -> strict.decode("a", new byte[0]));
        assertThrows(AttributeDecodeException.class, () -> strict.decode("a", new byte[]{9, 1, 2}));
        assertThrows(AttributeDecodeException.class, () -> strict.decode("a", new byte[]{0, 1, 2, 3}));
        byte[] bomb = ByteBuffer.allocate(9).put((byte) 1).putInt(Integer.MAX_VALUE).putInt(0).array();
        AttributeDecodeException e = assertThrows(AttributeDecodeException.class, () -> strict.decode("a", bomb));
        assertTrue(e.getMessage().contains("bound"), e.getMessage());
        byte[] garbage = ByteBuffer.allocate(9).put((byte) 1).putInt(100).putInt(12345).array();
        assertThrows(AttributeDecodeException.class, () -> strict.decode("a", garbage));
    }

    @Test
    void encodingIsJavaSerializationByteForByteAtAnySize() throws IOException {
        AttributeCodec java = new JavaSerializationCodec(new ClassAllowlist(List.of(), 16), loader);
        for (int items : new int[]{0, 1, 40, 5_000}) {
            ArrayList<String> value = new ArrayList<>();
            for (int i = 0; i < items; i++) {
                value.add("line-" + i);
            }
            byte[] encoded = java.encode("list", value);
            assertArrayEquals(javaSerialized(value), encoded, items + " items");
            assertEquals(value, java.decode("list", encoded));
        }
    }

    @Test
    void valuesEncodedOneAfterAnotherAreEachAStreamOfTheirOwnEvenAfterAFailedWrite() throws IOException {
        AttributeCodec java = new JavaSerializationCodec(
                new ClassAllowlist(List.of("io.sessiongrid.client.testing.AllowedValue"), 16), loader);
        AllowedValue shared = new AllowedValue("shared");
        List<Object> values = List.of("text", 7, new ArrayList<>(List.of(shared, shared, "x")), new AllowedValue("a"),
                new HashMap<>(Map.of("k", new ArrayList<>(List.of(1, 2)))), "text", 7);
        for (int round = 0; round < 3; round++) {
            for (Object value : values) {
                // Class descriptors and shared objects are written in full again: no handle of an earlier value.
                assertArrayEquals(javaSerialized(value), java.encode("v", value), value + " in round " + round);
            }
            // A refused class and an unserializable member fail mid-stream; the next value is unaffected.
            assertThrows(AttributeRejectedException.class,
                    () -> java.encode("v", new ArrayList<>(List.of("before", new Gadget()))));
            assertThrows(AttributeRejectedException.class,
                    () -> java.encode("v", new ArrayList<>(List.of("before", new Object[]{new Object()}))));
        }
    }

    @Test
    void concurrentEncodingsGetTheBytesOfTheirOwnValue() throws Exception {
        AttributeCodec java = new JavaSerializationCodec(new ClassAllowlist(List.of(), 16), loader);
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 2_000; i++) {
                        ArrayList<String> value = new ArrayList<>(List.of("thread-" + thread, "item-" + i));
                        // Every fifth value is over the size after which an encoder is not kept.
                        if (i % 5 == 0) {
                            value.add("z".repeat(70_000));
                        }
                        assertArrayEquals(javaSerialized(value), java.encode("v", value));
                    }
                    return thread;
                }));
            }
            for (Future<Integer> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static byte[] javaSerialized(Object value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        return bytes.toByteArray();
    }

    /** As the compressing codec stores a value it did not deflate. */
    private static byte[] framed(byte[] plain) {
        return ByteBuffer.allocate(plain.length + 1).put((byte) 0).put(plain).array();
    }

    @Test
    void aCodecThatHasResolvedAllowedClassesStillRefusesEveryOther() throws IOException {
        AttributeCodec allowing = new CompressingCodec(new JavaSerializationCodec(
                new ClassAllowlist(List.of("io.sessiongrid.client.testing.AllowedValue"), 16), loader), 1024, 1 << 20);
        for (int round = 0; round < 2; round++) {
            assertEquals(new AllowedValue("x"), allowing.decode("v", allowing.encode("v", new AllowedValue("x"))));
        }
        byte[] framed = framed(javaSerialized(new ArrayList<>(List.of(new AllowedValue("y"), new Gadget()))));
        int before = Gadget.READS.get();
        for (int round = 0; round < 2; round++) {
            assertThrows(AttributeClassNotAllowedException.class, () -> allowing.decode("list", framed));
        }
        assertEquals(before, Gadget.READS.get());
    }
}
