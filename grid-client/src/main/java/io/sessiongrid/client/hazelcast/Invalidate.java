package io.sessiongrid.client.hazelcast;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import io.sessiongrid.client.core.SessionRecord;

import java.util.Map;

/**
 * Removes a session on its owner (and so from its backups and every near cache) without sending its contents
 * back.
 *
 * @return whether a live session (by the owner's clock) was removed
 */
final class Invalidate extends TimedProcessor<SessionRecord, Boolean> {
    Invalidate() {
        this(0);
    }

    private Invalidate(long now) {
        super(now);
    }

    @Override
    Boolean apply(Map.Entry<String, SessionRecord> entry) {
        SessionRecord record = entry.getValue();
        if (record == null) {
            return false;
        }
        entry.setValue(null);
        return !record.isExpiredAt(ownerNow());
    }

    static final class Serializer implements CompactSerializer<Invalidate> {
        @Override
        public Invalidate read(CompactReader reader) {
            return new Invalidate(reader.readInt64("now"));
        }

        @Override
        public void write(CompactWriter writer, Invalidate p) {
            writer.writeInt64("now", p.fixedNow());
        }

        @Override
        public String getTypeName() {
            return "sessiongrid.Invalidate";
        }

        @Override
        public Class<Invalidate> getCompactClass() {
            return Invalidate.class;
        }
    }
}
