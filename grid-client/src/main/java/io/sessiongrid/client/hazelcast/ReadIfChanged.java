package io.sessiongrid.client.hazelcast;

import com.hazelcast.core.ReadOnly;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import io.sessiongrid.client.core.SessionRecord;

import java.util.Map;

/**
 * The validated read: asks the owner whether a local copy is still current. Read-only (no backup, no near-cache
 * invalidation); the record crosses the wire only when the copy is stale.
 *
 * @return {@link Boolean#TRUE} if the owner holds {@code knownVersion}, the owner's record if it holds another,
 *         or {@code null} if the session is not live. {@code knownVersion} -1 always returns the record.
 */
final class ReadIfChanged extends TimedProcessor<Object> implements ReadOnly {
    static final long NO_COPY = -1;

    private final long knownVersion;
    private final long now;

    ReadIfChanged(long knownVersion, long now) {
        this.knownVersion = knownVersion;
        this.now = now;
    }

    @Override
    Object apply(Map.Entry<String, SessionRecord> entry) {
        SessionRecord record = entry.getValue();
        if (record == null || record.isExpiredAt(now)) {
            return null;
        }
        return record.version() == knownVersion ? Boolean.TRUE : record;
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
            writer.writeInt64("now", p.now);
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
