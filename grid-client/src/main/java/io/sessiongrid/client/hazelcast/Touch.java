package io.sessiongrid.client.hazelcast;

import com.hazelcast.map.ExtendedMapEntry;
import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import io.sessiongrid.client.core.SessionRecord;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Records an access on the owner: moves the last access forward and restarts the entry's time-to-live. Bumps the
 * version so that every near cache and validated read picks up the new expiry.
 *
 * @return whether the session was live
 */
final class Touch extends TimedProcessor<Boolean> {
    private final long now;

    Touch(long now) {
        this.now = now;
    }

    @Override
    Boolean apply(Map.Entry<String, SessionRecord> entry) {
        SessionRecord record = entry.getValue();
        if (record == null || record.isExpiredAt(now)) {
            return false;
        }
        if (record.lastAccessedAt() >= now) {
            return true;
        }
        SessionRecord next = record.touchedAt(now);
        ((ExtendedMapEntry<String, SessionRecord>) entry).setValue(next, Expiry.ttlMillis(next, now),
                TimeUnit.MILLISECONDS);
        return true;
    }

    static final class Serializer implements CompactSerializer<Touch> {
        @Override
        public Touch read(CompactReader reader) {
            return new Touch(reader.readInt64("now"));
        }

        @Override
        public void write(CompactWriter writer, Touch touch) {
            writer.writeInt64("now", touch.now);
        }

        @Override
        public String getTypeName() {
            return "sessiongrid.Touch";
        }

        @Override
        public Class<Touch> getCompactClass() {
            return Touch.class;
        }
    }
}
