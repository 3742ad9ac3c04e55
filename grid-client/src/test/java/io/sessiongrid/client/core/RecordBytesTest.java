package io.sessiongrid.client.core;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecordBytesTest {
    private static final String KEY = "k".repeat(43);

    @Test
    void aRecordReadsBackAsItWasWritten() {
        SessionRecord record = new SessionRecord(KEY, 1_000, 2_000, 1_800_000, 9_000_000, "alice",
                Map.of("cart", new byte[]{1, 2, 3}, "empty", new byte[0]), 7, new long[]{42, 41}, null, 5,
                new byte[]{9, 9});
        SessionRecord back = RecordBytes.decode(RecordBytes.encode(record));
        assertEquals(record.key(), back.key());
        assertEquals(record.createdAt(), back.createdAt());
        assertEquals(record.lastAccessedAt(), back.lastAccessedAt());
        assertEquals(record.maxInactiveMillis(), back.maxInactiveMillis());
        assertEquals(record.deadline(), back.deadline());
        assertEquals("alice", back.principal());
        assertArrayEquals(new byte[]{1, 2, 3}, back.attributes().get("cart"));
        assertArrayEquals(new byte[0], back.attributes().get("empty"));
        assertEquals(7, back.version());
        assertArrayEquals(new long[]{42, 41}, back.recentWrites());
        assertEquals(5, back.contentVersion());
        assertArrayEquals(new byte[]{9, 9}, back.seal());
        assertEquals(record.expiresAt(), back.expiresAt());
    }

    @Test
    void absentPrincipalAndSealStayAbsent() {
        SessionRecord back = RecordBytes.decode(RecordBytes.encode(
                new SessionRecord(KEY, 1, 1, 0, 0, null, Map.of(), 1)));
        assertNull(back.principal());
        assertNull(back.seal());
        assertEquals(SessionRecord.NEVER, back.expiresAt());
    }

    @Test
    void aForwardingRecordHasNoDurableForm() {
        SessionRecord forwarding = new SessionRecord(KEY, 1, 1, 0, 0, null, Map.of(), 1).forwardingTo("m".repeat(43));
        assertThrows(IllegalArgumentException.class, () -> RecordBytes.encode(forwarding));
    }

    @Test
    void bytesThatAreNotARecordAreRefusedWithTheReason() {
        byte[] good = RecordBytes.encode(new SessionRecord(KEY, 1, 1, 0, 0, "bob", Map.of("a", new byte[100]), 1));
        IllegalArgumentException cut = assertThrows(IllegalArgumentException.class,
                () -> RecordBytes.decode(Arrays.copyOf(good, good.length - 10)));
        assertTrue(cut.getMessage().contains("cut short"), cut.getMessage());
        byte[] other = good.clone();
        other[0] = 2;
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RecordBytes.decode(other)).getMessage()
                .contains("format 2"));
        byte[] longer = Arrays.copyOf(good, good.length + 1);
        assertThrows(IllegalArgumentException.class, () -> RecordBytes.decode(longer));
        assertThrows(IllegalArgumentException.class, () -> RecordBytes.decode(new byte[0]));
    }
}
