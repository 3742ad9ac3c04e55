package io.sessiongrid.client.hazelcast;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import io.sessiongrid.client.core.SessionRecord;

import java.util.Map;

/**
 * The step of an id change that kills the old id: removes the session under its old key only if it is still at
 * the version that was copied to the new key. If a write slipped in after the copy, nothing is removed and the
 * caller copies again, so that write is carried over rather than lost.
 *
 * @return {@link #RETIRED}, {@link #CHANGED} or {@link #GONE}
 */
final class RetireIfUnchanged extends TimedProcessor<Integer> {
    static final int RETIRED = 0;
    static final int CHANGED = 1;
    static final int GONE = 2;

    private final long expectedVersion;
    private final long now;

    RetireIfUnchanged(long expectedVersion, long now) {
        this.expectedVersion = expectedVersion;
        this.now = now;
    }

    @Override
    Integer apply(Map.Entry<String, SessionRecord> entry) {
        SessionRecord record = entry.getValue();
        if (record == null || record.isExpiredAt(now)) {
            return GONE;
        }
        if (record.version() != expectedVersion) {
            return CHANGED;
        }
        entry.setValue(null);
        return RETIRED;
    }

    static final class Serializer implements CompactSerializer<RetireIfUnchanged> {
        @Override
        public RetireIfUnchanged read(CompactReader reader) {
            return new RetireIfUnchanged(reader.readInt64("expectedVersion"), reader.readInt64("now"));
        }

        @Override
        public void write(CompactWriter writer, RetireIfUnchanged p) {
            writer.writeInt64("expectedVersion", p.expectedVersion);
            writer.writeInt64("now", p.now);
        }

        @Override
        public String getTypeName() {
            return "sessiongrid.RetireIfUnchanged";
        }

        @Override
        public Class<RetireIfUnchanged> getCompactClass() {
            return RetireIfUnchanged.class;
        }
    }
}
