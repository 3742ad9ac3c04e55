package io.sessiongrid.client.hazelcast;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import io.sessiongrid.client.core.SessionRecord;

/** The record as another writer would write it: the same type name, with only some of today's fields. */
final class PartialRecordSerializer implements CompactSerializer<SessionRecord> {
    private final boolean attributes;
    private final boolean expiryAndForwarding;

    private PartialRecordSerializer(boolean attributes, boolean expiryAndForwarding) {
        this.attributes = attributes;
        this.expiryAndForwarding = expiryAndForwarding;
    }

    /** As an earlier version wrote it: without {@code deadline}, {@code movedTo} and the fields added after them. */
    static PartialRecordSerializer earlierVersion() {
        return new PartialRecordSerializer(true, false);
    }

    /**
     * The version, expiry and forwarding fields without the attributes: a record the decoder refuses, though its
     * version and expiry can be read.
     */
    static PartialRecordSerializer withoutAttributes() {
        return new PartialRecordSerializer(false, true);
    }

    @Override
    public SessionRecord read(CompactReader reader) {
        throw new UnsupportedOperationException("writes only");
    }

    @Override
    public void write(CompactWriter writer, SessionRecord r) {
        writer.writeString("key", r.key());
        writer.writeInt64("createdAt", r.createdAt());
        writer.writeInt64("lastAccessedAt", r.lastAccessedAt());
        writer.writeInt64("maxInactiveMillis", r.maxInactiveMillis());
        if (expiryAndForwarding) {
            writer.writeInt64("deadline", r.deadline());
            writer.writeString("movedTo", r.movedTo());
        }
        writer.writeString("principal", r.principal());
        if (attributes) {
            AttributeFields.write(writer, "attribute", r.attributes());
        }
        writer.writeInt64("version", r.version());
    }

    @Override
    public String getTypeName() {
        return SessionRecordSerializer.TYPE;
    }

    @Override
    public Class<SessionRecord> getCompactClass() {
        return SessionRecord.class;
    }
}
