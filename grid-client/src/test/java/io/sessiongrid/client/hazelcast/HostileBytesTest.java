package io.sessiongrid.client.hazelcast;

import com.hazelcast.map.IMap;
import io.sessiongrid.client.api.AttributeDecodeException;
import io.sessiongrid.client.api.Session;
import io.sessiongrid.client.api.SessionChanges;
import io.sessiongrid.client.api.SessionStore;
import io.sessiongrid.client.api.StoreSettings;
import io.sessiongrid.client.core.AttributeDelta;
import io.sessiongrid.client.core.SessionRecord;
import io.sessiongrid.client.testing.SharedGrid;
import io.sessiongrid.client.testing.SharedGridResolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.zip.Deflater;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bytes put straight into the grid by anything that reaches a member (the community edition has no
 * authentication), crafted to make a reader spend time or memory: each is refused as its attribute's
 * {@link AttributeDecodeException} within a bounded time and allocation, and the session stays usable.
 */
@ExtendWith(SharedGridResolver.class)
class HostileBytesTest {
    private static final long TIME_BOUND_MILLIS = 2_000;
    private static final long ALLOCATION_BOUND = 16L << 20;

    @Test
    void nestedHashSetsThatDoubleTheCostPerLevelAreRefusedByDepth(SharedGrid grid) throws IOException {
        assertRefusedCheaply(grid, plain(serialize(nestedSets(26))), "session.max-value-depth");
    }

    @Test
    void aValueSixtyLevelsDeepIsRefused(SharedGrid grid) throws IOException {
        Object value = "bottom";
        for (int i = 0; i < 60; i++) {
            value = new ArrayList<>(java.util.List.of(value));
        }
        assertRefusedCheaply(grid, plain(serialize(value)), "session.max-value-depth");
    }

    @Test
    void aFewBytesClaimingAHugeArrayAllocateNothingLarge(SharedGrid grid) throws IOException {
        byte[] stream = serialize(new long[0]);
        ByteBuffer.wrap(stream).putInt(stream.length - 4, 16 << 20);
        assertRefusedCheaply(grid, plain(stream), "array of 16777216 elements");
    }

    @Test
    void aCollectionClaimingMillionsOfElementsDoesNotPresizeItself(SharedGrid grid) throws IOException {
        byte[] stream = serialize(new ArrayList<>());
        // An empty ArrayList ends with its size field, then block data 77 04 holding the capacity, then 78.
        int sizeField = stream.length - 1 - 6 - 4;
        ByteBuffer.wrap(stream).putInt(sizeField, 16 << 20);
        assertRefusedCheaply(grid, plain(stream), "array of 16777216 elements");
    }

    @Test
    void aCompressedFrameClaimingMoreThanItHoldsInflatesOnlyWhatItHolds(SharedGrid grid) {
        Deflater deflater = new Deflater();
        deflater.setInput(new byte[] {1, 2, 3});
        deflater.finish();
        byte[] deflated = new byte[64];
        int n = deflater.deflate(deflated);
        deflater.end();
        int claimed = 8 << 20;
        byte[] frame = ByteBuffer.allocate(5 + n).put((byte) 1).putInt(claimed).put(deflated, 0, n).array();
        assertRefusedCheaply(grid, frame, "not the " + claimed, 1L << 20);
        byte[] overBound = ByteBuffer.allocate(5 + n).put((byte) 1).putInt(128 << 20).put(deflated, 0, n).array();
        assertRefusedCheaply(grid, overBound, "over the bound");
    }

    @Test
    void aMapKeyedByUrlsIsRefusedBeforeAnyHostIsLookedUp(SharedGrid grid) throws IOException {
        Map<Object, String> byUrl = new HashMap<>();
        byUrl.put(URI.create("http://attacker-chosen.invalid/").toURL(), "x");
        assertRefusedCheaply(grid, plain(serialize(byUrl)), "java.net.URL");
    }

    /** Plants the bytes as an attribute, then reads it through a store: refused, cheaply, and nothing else lost. */
    private static void assertRefusedCheaply(SharedGrid grid, byte[] stored, String because) {
        assertRefusedCheaply(grid, stored, because, ALLOCATION_BOUND);
    }

    private static void assertRefusedCheaply(SharedGrid grid, byte[] stored, String because, long allocationBound) {
        String map = grid.nextMapName();
        SessionStore store = grid.clientA().openStore(StoreSettings.builder().mapName(map).build());
        Session s = store.create(SessionChanges.builder().set("user", "ann").build());
        plant(grid.embedded().hazelcast().getMap(map), s.key().value(), "hostile", stored);
        Session seen = store.find(s.id()).orElseThrow();

        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory
                .getThreadMXBean();
        long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
        long started = System.nanoTime();
        AttributeDecodeException e = assertThrows(AttributeDecodeException.class, () -> seen.attribute("hostile"));
        long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;

        assertEquals("hostile", e.attribute());
        assertTrue(e.getMessage().contains(because), e.getMessage());
        assertTrue(millis < TIME_BOUND_MILLIS, "refused after " + millis + " ms");
        assertTrue(allocated < allocationBound, "refused after allocating " + allocated + " bytes");
        assertEquals("ann", seen.attribute("user"));
        store.apply(s.id(), SessionChanges.builder().remove("hostile").set("cart", 2).build());
        Session after = store.find(s.id()).orElseThrow();
        assertEquals(Set.of("user", "cart"), after.attributeNames());
    }

    private static void plant(IMap<String, SessionRecord> map, String key, String name, byte[] bytes) {
        long version = map.executeOnKey(key, new ApplyDelta(new AttributeDelta(Map.of(name, bytes), Set.of(), false,
                AttributeDelta.UNCHANGED, false, null), 0, Long.MAX_VALUE));
        assertTrue(version > 0, "planted");
    }

    /** The classic serialization bomb: each level's two sets share the next level's two, so hashing doubles. */
    private static Set<Object> nestedSets(int levels) {
        Set<Object> root = new HashSet<>();
        Set<Object> s1 = root;
        Set<Object> s2 = new HashSet<>();
        for (int i = 0; i < levels; i++) {
            Set<Object> t1 = new HashSet<>();
            Set<Object> t2 = new HashSet<>();
            t1.add("foo");
            s1.add(t1);
            s1.add(t2);
            s2.add(t1);
            s2.add(t2);
            s1 = t1;
            s2 = t2;
        }
        return root;
    }

    private static byte[] serialize(Object value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        return bytes.toByteArray();
    }

    /** The compressing codec's frame for a value stored as it is. */
    private static byte[] plain(byte[] serialized) {
        return ByteBuffer.allocate(serialized.length + 1).put((byte) 0).put(serialized).array();
    }
}
