package io.sessiongrid.client.hazelcast;

import com.hazelcast.nio.serialization.FieldKind;
import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import io.sessiongrid.client.core.SessionRecord;

/**
 * Compact form of {@link SessionRecord} under the stable type name {@value #TYPE}. Members read it without any
 * application class, and query its {@code principal} field through an index. Compatibility rule: a later version
 * may add fields and must read records that lack them (see {@link #readLong}); it never renames or retypes one.
 */
final class SessionRecordSerializer implements CompactSerializer<SessionRecord> {
    static final String TYPE = "sessiongrid.SessionRecord";
    static final String VERSION = "version";
    static final String LAST_ACCESSED_AT = "lastAccessedAt";
    static final String MAX_INACTIVE_MILLIS = "maxInactiveMillis";
    static final String DEADLINE = "deadline";
    static final String MOVED_TO = "movedTo";

    @Override
    public SessionRecord read(CompactReader reader) {
        return new SessionRecord(
                reader.readString("key"),
                reader.readInt64("createdAt"),
                reader.readInt64(LAST_ACCESSED_AT),
                reader.readInt64(MAX_INACTIVE_MILLIS),
                readLong(reader, DEADLINE, 0),
                reader.readString("principal"),
                AttributeFields.read(reader, "attribute"),
                reader.readInt64(VERSION),
                reader.getFieldKind("recentWrites") == FieldKind.ARRAY_OF_INT64 ? reader.readArrayOfInt64("recentWrites")
                        : null,
                reader.getFieldKind(MOVED_TO) == FieldKind.STRING ? reader.readString(MOVED_TO) : null,
                readLong(reader, "contentVersion", 0),
                reader.getFieldKind("seal") == FieldKind.ARRAY_OF_INT8 ? reader.readArrayOfInt8("seal") : null);
    }

    @Override
    public void write(CompactWriter writer, SessionRecord r) {
        writer.writeString("key", r.key());
        writer.writeInt64("createdAt", r.createdAt());
        writer.writeInt64(LAST_ACCESSED_AT, r.lastAccessedAt());
        writer.writeInt64(MAX_INACTIVE_MILLIS, r.maxInactiveMillis());
        writer.writeInt64(DEADLINE, r.deadline());
        writer.writeString("principal", r.principal());
        AttributeFields.write(writer, "attribute", r.attributes());
        writer.writeInt64(VERSION, r.version());
        writer.writeArrayOfInt64("recentWrites", r.recentWrites());
        writer.writeString(MOVED_TO, r.movedTo());
        writer.writeInt64("contentVersion", r.contentVersion());
        writer.writeArrayOfInt8("seal", r.seal());
    }

    /** Reads a field that a record written by an earlier version may lack. */
    static long readLong(CompactReader reader, String field, long absent) {
        return reader.getFieldKind(field) == FieldKind.INT64 ? reader.readInt64(field) : absent;
    }

    @Override
    public String getTypeName() {
        return TYPE;
    }

    @Override
    public Class<SessionRecord> getCompactClass() {
        return SessionRecord.class;
    }
}
