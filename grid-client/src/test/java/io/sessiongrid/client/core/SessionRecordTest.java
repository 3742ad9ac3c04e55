package io.sessiongrid.client.core;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SessionRecordTest {
    private static final String KEY = "k".repeat(43);

    @Test
    void aDeltaKeepsUntouchedAttributesReplacesSetOnesAndDropsRemovedOnes() {
        SessionRecord record = new SessionRecord(KEY, 1_000, 2_000, 1_800_000, 0, null,
                Map.of("user", new byte[]{1}, "cart", new byte[]{2}, "old", new byte[]{3}, "both", new byte[]{4}), 7);
        // "both" is removed and set in one delta: as in a request that removed it and then set it again, it ends set.
        AttributeDelta delta = new AttributeDelta(Map.of("cart", new byte[]{20}, "new", new byte[]{5},
                "both", new byte[]{40}), Set.of("old", "both", "absent"), true, AttributeDelta.UNCHANGED, false, null);

        SessionRecord next = record.applying(delta, 3_000, 99);

        assertEquals(Set.of("user", "cart", "new", "both"), next.attributes().keySet());
        assertArrayEquals(new byte[]{1}, next.attributes().get("user"));
        assertArrayEquals(new byte[]{20}, next.attributes().get("cart"));
        assertArrayEquals(new byte[]{5}, next.attributes().get("new"));
        assertArrayEquals(new byte[]{40}, next.attributes().get("both"));
        assertEquals(8, next.version());
        assertEquals(3_000, next.lastAccessedAt());
        assertEquals(4 + "user".length() + "cart".length() + "new".length() + "both".length(),
                next.storedBytes());
        assertThrows(UnsupportedOperationException.class, () -> next.attributes().put("x", new byte[0]));
        assertFalse(record.attributes().containsKey("new"), "the record it was applied to is unchanged");
    }

    @Test
    void aDeltaThatRemovesEverythingLeavesNoAttributes() {
        SessionRecord record = new SessionRecord(KEY, 1_000, 2_000, 0, 0, null, Map.of("a", new byte[]{1}), 1);
        SessionRecord next = record.applying(new AttributeDelta(Map.of(), Set.of("a"), false, AttributeDelta.UNCHANGED,
                false, null), 3_000, 5);
        assertEquals(Map.of(), next.attributes());
        assertEquals(2_000, next.lastAccessedAt(), "not an access");
    }
}
