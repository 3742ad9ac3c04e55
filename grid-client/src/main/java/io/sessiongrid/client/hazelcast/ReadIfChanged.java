package io.sessiongrid.client.hazelcast;

import com.hazelcast.core.ReadOnly;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import io.sessiongrid.client.core.SessionRecord;

import java.util.Map;

/**
 * The validated read: asks the owner whether a local copy is still current, judged on the owner's clock.
 * Read-only (no backup, no near-cache invalidation); the record crosses the wire only when the copy is stale.
 *
 * @return the owner's time (a {@link Long}) if the owner holds {@code knownVersion} live; an {@link OwnerCopy} if
 *         it holds another live one; {@link #MOVED} if the session moved to another id; or {@code null} if it is
 *         not live. {@code knownVersion} {@link #NO_COPY} never matches.
 */
final class ReadIfChanged extends TimedProcessor<SessionRecord, Object> implements ReadOnly {
    static final long NO_COPY = -1;
    /** The session moved to another id (a forwarding record): gone for this id, but not expired. */
    static final Boolean MOVED = Boolean.FALSE;

    private final long knownVersion;

    ReadIfChanged(long knownVersion) {
        this(knownVersion, 0);
    }

    private ReadIfChanged(long knownVersion, long now) {
        super(now);
        this.knownVersion = knownVersion;
    }

    @Override
    Object apply(Map.Entry<String, SessionRecord> entry) {
        long now = ownerNow();
        SessionRecord record = entry.getValue();
        if (record != null && record.isForwarding()) {
            return MOVED;
        }
        if (record == null || record.isExpiredAt(now)) {
            return null;
        }
        return record.version() == knownVersion ? (Object) now : new OwnerCopy(record, now);
    }

    @Override
    public EntryProcessor<String, SessionRecord, Object> getBackupProcessor() {
        return null;
    }

    static final class Serializer implements CompactSerializer<ReadIfChanged> {
        @Override
        public ReadIfChanged read(CompactReader reader) {
            return new ReadIfChanged(reader.readInt64("knownVersion"), reader.readInt64("now"));
        }

        @Override
        public void write(CompactWriter writer, ReadIfChanged p) {
            writer.writeInt64("knownVersion", p.knownVersion);
            writer.writeInt64("now", p.fixedNow());
        }

        @Override
        public String getTypeName() {
            return "sessiongrid.ReadIfChanged";
        }

        @Override
        public Class<ReadIfChanged> getCompactClass() {
            return ReadIfChanged.class;
        }
    }
}
