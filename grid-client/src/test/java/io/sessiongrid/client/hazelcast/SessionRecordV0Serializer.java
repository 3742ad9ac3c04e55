package io.sessiongrid.client.hazelcast;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import io.sessiongrid.client.core.SessionRecord;

/** The record as an earlier version would write it: the same type name, without the {@code deadline} field. */
final class SessionRecordV0Serializer implements CompactSerializer<SessionRecord> {
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
        writer.writeString("principal", r.principal());
        AttributeFields.write(writer, "attribute", r.attributes());
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
