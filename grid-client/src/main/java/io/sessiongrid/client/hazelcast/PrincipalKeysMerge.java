package io.sessiongrid.client.hazelcast;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.spi.merge.MergingValue;
import com.hazelcast.spi.merge.SplitBrainMergePolicy;

import java.util.HashMap;
import java.util.Map;

/**
 * Heals a split of the principal map by keeping the keys both sides recorded (the later stamp of a key recorded on
 * both): each side may have added logins the other never saw, and an extra key is harmless where a missing one is
 * not. Stateless.
 */
public final class PrincipalKeysMerge implements SplitBrainMergePolicy<PrincipalKeys, MergingValue<PrincipalKeys>, Object> {
    @Override
    public Object merge(MergingValue<PrincipalKeys> merging, MergingValue<PrincipalKeys> existing) {
        PrincipalKeys incoming = merging.getDeserializedValue();
        PrincipalKeys kept = existing == null ? null : existing.getDeserializedValue();
        if (kept == null) {
            return incoming;
        }
        if (incoming == null) {
            return kept;
        }
        Map<String, Long> union = new HashMap<>(kept.addedAt());
        incoming.addedAt().forEach((key, stamp) -> union.merge(key, stamp, Math::max));
        return new PrincipalKeys(union);
    }

    @Override
    public void writeData(ObjectDataOutput out) {
    }

    @Override
    public void readData(ObjectDataInput in) {
    }
}
