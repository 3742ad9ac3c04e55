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
 * is not live or the result would be over the size limit. A write the record remembers (its id among the last
 * writes) is not applied again: a call retried after its answer was lost cannot overwrite what landed meanwhile.
 *
 * @return the new version (the current one for a remembered write), {@link #NOT_FOUND}, {@link #TOO_LARGE} or,
 *         for a sealed write, {@link #CONFLICT}
 */
final class ApplyDelta extends TimedProcessor<SessionRecord, Long> {
    static final long NOT_FOUND = -1;
    static final long TOO_LARGE = -2;
    /** A sealed write found another content version than the one it was sealed for; nothing changed. */
    static final long CONFLICT = -3;
    static final long ANY_CONTENT = -1;

    private final AttributeDelta delta;
    private final long writeId;
    private final long maxSessionBytes;
    private final long expectedContent;
    private final byte[] seal;

    ApplyDelta(AttributeDelta delta, long writeId, long maxSessionBytes) {
        this(delta, writeId, maxSessionBytes, ANY_CONTENT, null, 0);
    }

    /**
     * A sealed write: applied only if the record is at {@code expectedContent}, and the result carries {@code seal},
     * computed by the writer for exactly that result (members never hold the keys).
     */
    ApplyDelta(AttributeDelta delta, long writeId, long maxSessionBytes, long expectedContent, byte[] seal) {
        this(delta, writeId, maxSessionBytes, expectedContent, seal, 0);
    }

    private ApplyDelta(AttributeDelta delta, long writeId, long maxSessionBytes, long expectedContent, byte[] seal,
                       long now) {
        super(now);
        this.delta = delta;
        this.writeId = writeId;
        this.maxSessionBytes = maxSessionBytes;
        this.expectedContent = expectedContent;
        this.seal = seal;
    }

    @Override
    Long apply(Map.Entry<String, SessionRecord> entry) {
        SessionRecord record = entry.getValue();
        long now = ownerNow();
        if (record == null || record.isExpiredAt(now)) {
            return NOT_FOUND;
        }
        if (writeId != 0 && record.wasWrittenBy(writeId)) {
            return record.version();
        }
        if (expectedContent != ANY_CONTENT && record.contentVersion() != expectedContent) {
            return CONFLICT;
        }
        SessionRecord next = record.applying(delta, now, writeId);
        if (seal != null) {
            next = next.withSeal(seal);
        }
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
                    reader.readInt64("accessedAt") != 0, reader.readInt64("maxInactiveMillis"),
                    reader.readBoolean("principalChanged"), reader.readString("principal"));
            byte[] seal = reader.getFieldKind("seal") == com.hazelcast.nio.serialization.FieldKind.ARRAY_OF_INT8
                    ? reader.readArrayOfInt8("seal") : null;
            return new ApplyDelta(delta, SessionRecordSerializer.readLong(reader, "writeId", 0),
                    reader.readInt64("maxSessionBytes"), SessionRecordSerializer.readLong(reader, "expectedContent",
                    ANY_CONTENT), seal, reader.readInt64("now"));
        }

        @Override
        public void write(CompactWriter writer, ApplyDelta p) {
            AttributeFields.write(writer, "set", p.delta.set());
            writer.writeArrayOfString("removed", p.delta.removed().toArray(String[]::new));
            writer.writeInt64("accessedAt", p.delta.accessed() ? 1 : 0);
            writer.writeInt64("maxInactiveMillis", p.delta.maxInactiveMillis());
            writer.writeBoolean("principalChanged", p.delta.principalChanged());
            writer.writeString("principal", p.delta.principal());
            writer.writeInt64("now", p.fixedNow());
            writer.writeInt64("maxSessionBytes", p.maxSessionBytes);
            writer.writeInt64("writeId", p.writeId);
            writer.writeInt64("expectedContent", p.expectedContent);
            writer.writeArrayOfInt8("seal", p.seal);
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
