package io.sessiongrid.client.hazelcast;

import com.hazelcast.map.ExtendedMapEntry;
import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import io.sessiongrid.client.core.SessionRecord;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Records an access on the owner, at the owner's time: moves the last access forward and restarts the entry's
 * time-to-live. Bumps the version so that every near cache and validated read picks up the new expiry.
 *
 * @return the owner's time if the session was live (so the caller learns how the owner's clock relates to its
 *         own), else {@link #NOT_LIVE}
 */
final class Touch extends TimedProcessor<SessionRecord, Long> {
    static final long NOT_LIVE = -1;

    Touch() {
        this(0);
    }

    private Touch(long now) {
        super(now);
    }

    @Override
    Long apply(Map.Entry<String, SessionRecord> entry) {
        SessionRecord record = entry.getValue();
        long now = ownerNow();
        if (record == null || record.isExpiredAt(now)) {
            return NOT_LIVE;
        }
        if (record.lastAccessedAt() >= now) {
            return now;
        }
        SessionRecord next = record.touchedAt(now);
        ((ExtendedMapEntry<String, SessionRecord>) entry).setValue(next, Expiry.ttlMillis(next, now),
                TimeUnit.MILLISECONDS);
        return now;
    }

    static final class Serializer implements CompactSerializer<Touch> {
        @Override
        public Touch read(CompactReader reader) {
            return new Touch(reader.readInt64("now"));
        }

        @Override
        public void write(CompactWriter writer, Touch touch) {
            writer.writeInt64("now", touch.fixedNow());
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
