package io.sessiongrid.client.hazelcast;

import com.hazelcast.map.ExtendedMapEntry;
import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import io.sessiongrid.client.core.SessionRecord;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Puts a session copied under its new key (the first step of an id change), its remaining lifetime measured on
 * the owner's clock. Running it twice leaves the same record. The key is new and random, so nothing else writes
 * it meanwhile.
 *
 * @return always true
 */
final class Install extends TimedProcessor<SessionRecord, Boolean> {
    private final SessionRecord record;

    Install(SessionRecord record) {
        this(record, 0);
    }

    private Install(SessionRecord record, long now) {
        super(now);
        this.record = record;
    }

    @Override
    Boolean apply(Map.Entry<String, SessionRecord> entry) {
        ((ExtendedMapEntry<String, SessionRecord>) entry).setValue(record, Expiry.ttlMillis(record, ownerNow()),
                TimeUnit.MILLISECONDS);
        return true;
    }

    static final class Serializer implements CompactSerializer<Install> {
        @Override
        public Install read(CompactReader reader) {
            return new Install(reader.readCompact("record"), reader.readInt64("now"));
        }

        @Override
        public void write(CompactWriter writer, Install p) {
            writer.writeCompact("record", p.record);
            writer.writeInt64("now", p.fixedNow());
        }

        @Override
        public String getTypeName() {
            return "sessiongrid.Install";
        }

        @Override
        public Class<Install> getCompactClass() {
            return Install.class;
        }
    }
}
