package io.sessiongrid.client.hazelcast;

import com.hazelcast.internal.serialization.Data;
import com.hazelcast.internal.serialization.InternalSerializationService;
import com.hazelcast.internal.serialization.impl.InternalGenericRecord;
import com.hazelcast.nio.serialization.FieldKind;
import com.hazelcast.query.impl.CachedQueryEntry;
import io.sessiongrid.client.core.SessionRecord;

import java.io.IOException;
import java.util.Map;

/**
 * What a validated read compares, read on the owner straight from a record's stored bytes: its version, whether it
 * forwards to another id, and when it expires. A read that finds its copy current needs nothing else, so it skips
 * decoding the attributes, which are most of a record's bytes. It applies {@link SessionRecord}'s expiry rule to
 * the stored fields, so a field that changes whether a record is live must be read here too. Immutable.
 *
 * <p>It reads through Hazelcast's internal entry and generic-record types, so {@link #of} answers {@code null}
 * wherever they are not what it expects (a map kept as objects, an entry without stored bytes, bytes that are not a
 * record, another Hazelcast's classes); the caller then decodes the record, which is always correct.
 */
record StoredRecordHeader(long version, boolean forwarding, long expiresAt) {

    /** Whether the stored record is live at {@code now} and at {@code knownVersion}. */
    boolean isLiveAt(long knownVersion, long now) {
        return version == knownVersion && !forwarding && expiresAt > now;
    }

    /**
     * The header of the entry's stored record, or {@code null} when it cannot be read without decoding the record.
     *
     * @param serialization the member's; {@code null} answers {@code null}
     */
    static StoredRecordHeader of(Map.Entry<?, ?> entry, InternalSerializationService serialization) {
        if (serialization == null || !(entry instanceof CachedQueryEntry<?, ?> stored)) {
            return null;
        }
        Data bytes = stored.getValueDataIfPresent();
        if (bytes == null || !bytes.isCompact()) {
            return null;
        }
        try {
            return read(serialization.readAsInternalGenericRecord(bytes));
        } catch (IOException | RuntimeException unreadable) {
            // Not a record of the form expected: decoding it reports what is wrong with it.
            return null;
        }
    }

    /** Every record version has the version and idle fields; bytes without them throw, and {@link #of} says null. */
    private static StoredRecordHeader read(InternalGenericRecord r) {
        boolean forwarding = r.getFieldKind(SessionRecordSerializer.MOVED_TO) == FieldKind.STRING
                && r.getString(SessionRecordSerializer.MOVED_TO) != null;
        long deadline = r.getFieldKind(SessionRecordSerializer.DEADLINE) == FieldKind.INT64
                ? r.getInt64(SessionRecordSerializer.DEADLINE) : 0;
        long expiresAt = SessionRecord.expiresAt(r.getInt64(SessionRecordSerializer.LAST_ACCESSED_AT),
                r.getInt64(SessionRecordSerializer.MAX_INACTIVE_MILLIS), deadline);
        return new StoredRecordHeader(r.getInt64(SessionRecordSerializer.VERSION), forwarding, expiresAt);
    }
}
