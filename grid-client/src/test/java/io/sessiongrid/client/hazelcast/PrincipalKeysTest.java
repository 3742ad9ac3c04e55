package io.sessiongrid.client.hazelcast;

import com.hazelcast.spi.merge.MergingValue;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** The principal map's value: keys stamped when added, dropped only when old enough, and unioned on a heal. */
class PrincipalKeysTest {

    @Test
    void anAddStampsTheKeyAndADropTakesOnlyKeysAddedBeforeTheCutoff() {
        PrincipalKeys keys = PrincipalKeys.NONE.adding("a", 100).adding("b", 200).adding("a", 300);
        assertEquals(Map.of("a", 300L, "b", 200L), keys.addedAt(), "adding again stamps again");

        assertEquals(Map.of("a", 300L), keys.dropping(List.of("a", "b"), 250).addedAt());
        assertEquals(Map.of(), keys.dropping(List.of("a", "b", "c"), Long.MAX_VALUE).addedAt());
        assertSame(keys, keys.dropping(List.of("c"), Long.MAX_VALUE), "nothing dropped, nothing copied");
    }

    @Test
    void aHealKeepsTheKeysOfBothSidesWithTheLaterStamp() {
        PrincipalKeysMerge merge = new PrincipalKeysMerge();
        PrincipalKeys left = new PrincipalKeys(Map.of("a", 1L, "b", 5L));
        PrincipalKeys right = new PrincipalKeys(Map.of("b", 7L, "c", 2L));

        assertEquals(new PrincipalKeys(Map.of("a", 1L, "b", 7L, "c", 2L)), merge.merge(side(left), side(right)));
        assertEquals(left, merge.merge(side(left), null));
        assertEquals(right, merge.merge(side(null), side(right)));
    }

    private static MergingValue<PrincipalKeys> side(PrincipalKeys value) {
        return new MergingValue<>() {
            @Override
            public PrincipalKeys getDeserializedValue() {
                return value;
            }

            @Override
            public Object getRawValue() {
                return value;
            }
        };
    }
}
