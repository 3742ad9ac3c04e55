package io.sessiongrid.client.hazelcast;

import com.hazelcast.map.ExtendedMapEntry;
import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import io.sessiongrid.client.core.AttributeDelta;
import io.sessiongrid.client.core.SessionRecord;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Applies one {@link AttributeDelta} to a session on its partition owner, in one atomic step, and again on each
 * backup with the same inputs (so replicas reach the same record). Refuses, changing nothing, when the session
 * is not live or the result would be over the size limit.
 *
 * @return the new version, {@link #NOT_FOUND} or {@link #TOO_LARGE}
 */
final class ApplyDelta extends TimedProcessor<Long> {
    static final long NOT_FOUND = -1;
    static final long TOO_LARGE = -2;

    private final AttributeDelta delta;
    private final long now;
    private final long maxSessionBytes;

    ApplyDelta(AttributeDelta delta, long now, long maxSessionBytes) {
        this.delta = delta;
        this.now = now;
        this.maxSessionBytes = maxSessionBytes;
    }

    @Override
    Long apply(Map.Entry<String, SessionRecord> entry) {
        SessionRecord record = entry.getValue();
        if (record == null || record.isExpiredAt(now)) {
            return NOT_FOUND;
        }
        SessionRecord next = record.applying(delta);
        if (next.storedBytes() > maxSessionBytes) {
            return TOO_LARGE;
        }
        ((ExtendedMapEntry<String, SessionRecord>) entry).setValue(next, Expiry.ttlMillis(next, now),
                TimeUnit.MILLISECONDS);
        return next.version();
    }

    static final class Serializer implements CompactSerializer<ApplyDelta> {
        @Override
        public ApplyDelta read(CompactReader reader) {
            Map<String, byte[]> set = AttributeFields.read(reader, "set");
            AttributeDelta delta = new AttributeDelta(set, new HashSet<>(Arrays.asList(reader.readArrayOfString("removed"))),
                    reader.readInt64("accessedAt"), reader.readInt64("maxInactiveMillis"),
                    reader.readBoolean("principalChanged"), reader.readString("principal"));
            return new ApplyDelta(delta, reader.readInt64("now"), reader.readInt64("maxSessionBytes"));
        }

        @Override
        public void write(CompactWriter writer, ApplyDelta p) {
            AttributeFields.write(writer, "set", p.delta.set());
            writer.writeArrayOfString("removed", p.delta.removed().toArray(String[]::new));
            writer.writeInt64("accessedAt", p.delta.accessedAt());
            writer.writeInt64("maxInactiveMillis", p.delta.maxInactiveMillis());
            writer.writeBoolean("principalChanged", p.delta.principalChanged());
            writer.writeString("principal", p.delta.principal());
            writer.writeInt64("now", p.now);
            writer.writeInt64("maxSessionBytes", p.maxSessionBytes);
        }

        @Override
        public String getTypeName() {
            return "sessiongrid.ApplyDelta";
        }

        @Override
        public Class<ApplyDelta> getCompactClass() {
            return ApplyDelta.class;
        }
    }
}
