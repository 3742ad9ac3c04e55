package io.sessiongrid.client.hazelcast;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.serialization.FieldKind;
import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import io.sessiongrid.client.core.SessionRecord;

import java.util.Map;

/**
 * Removes a session on its owner (and so from its backups and every near cache) without sending its contents
 * back. With {@code onlyIfExpired} it removes the entry only if the owner's record has expired too: a reader that
 * holds an expired copy uses it to free the entry at once, without risk to a session another instance touched.
 *
 * @return whether a live session was removed (always false with {@code onlyIfExpired})
 */
final class Invalidate implements EntryProcessor<String, SessionRecord, Boolean> {
    private final long now;
    private final boolean onlyIfExpired;

    private Invalidate(long now, boolean onlyIfExpired) {
        this.now = now;
        this.onlyIfExpired = onlyIfExpired;
    }

    static Invalidate live(long now) {
        return new Invalidate(now, false);
    }

    static Invalidate ifExpired(long now) {
        return new Invalidate(now, true);
    }

    @Override
    public Boolean process(Map.Entry<String, SessionRecord> entry) {
        SessionRecord record = entry.getValue();
        if (record == null) {
            return false;
        }
        boolean expired = record.isExpiredAt(now);
        if (onlyIfExpired && !expired) {
            return false;
        }
        entry.setValue(null);
        return !expired;
    }

    static final class Serializer implements CompactSerializer<Invalidate> {
        @Override
        public Invalidate read(CompactReader reader) {
            boolean onlyIfExpired = reader.getFieldKind("onlyIfExpired") == FieldKind.BOOLEAN
                    && reader.readBoolean("onlyIfExpired");
            return new Invalidate(reader.readInt64("now"), onlyIfExpired);
        }

        @Override
        public void write(CompactWriter writer, Invalidate p) {
            writer.writeInt64("now", p.now);
            writer.writeBoolean("onlyIfExpired", p.onlyIfExpired);
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
