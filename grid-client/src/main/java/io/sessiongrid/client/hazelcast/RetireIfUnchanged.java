package io.sessiongrid.client.hazelcast;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.ExtendedMapEntry;
import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import io.sessiongrid.client.core.SessionRecord;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The step of an id change that kills the old id: replaces the session under its old key with a forwarding record
 * (no attributes, no principal, expired from the start, kept for {@value #FORWARDING_SECONDS} s) only if the session
 * is still at the version that was copied to the new key. If a write slipped in after the copy, nothing changes
 * and the caller copies again, so that write is carried over rather than lost. Running it again after it
 * succeeded (a retry after a lost answer) finds its own forwarding record and answers {@link #RETIRED} again, so
 * the caller never mistakes its own success for a lost session.
 *
 * @return {@link #RETIRED}, {@link #CHANGED} or {@link #GONE}
 */
final class RetireIfUnchanged extends TimedProcessor<SessionRecord, Integer> {
    static final int RETIRED = 0;
    static final int CHANGED = 1;
    static final int GONE = 2;
    static final long FORWARDING_SECONDS = 60;

    private final long expectedVersion;
    private final String newKey;
    private transient IdChanges idChanges;

    RetireIfUnchanged(long expectedVersion, String newKey) {
        this(expectedVersion, newKey, 0);
    }

    private RetireIfUnchanged(long expectedVersion, String newKey, long now) {
        super(now);
        this.expectedVersion = expectedVersion;
        this.newKey = newKey;
    }

    @Override
    void joined(HazelcastInstance member) {
        idChanges = member.getUserContext().get(IdChanges.USER_CONTEXT_KEY) instanceof IdChanges found ? found : null;
    }

    @Override
    Integer apply(Map.Entry<String, SessionRecord> entry) {
        SessionRecord record = entry.getValue();
        if (record != null && record.isForwarding()) {
            return newKey.equals(record.movedTo()) ? RETIRED : GONE;
        }
        if (record == null || record.isExpiredAt(ownerNow())) {
            return GONE;
        }
        if (record.version() != expectedVersion) {
            return CHANGED;
        }
        ((ExtendedMapEntry<String, SessionRecord>) entry).setValue(record.forwardingTo(newKey), FORWARDING_SECONDS,
                TimeUnit.SECONDS);
        IdChanges observer = idChanges;
        if (observer != null && isPrimaryRun()) {
            observer.retired();
        }
        return RETIRED;
    }

    static final class Serializer implements CompactSerializer<RetireIfUnchanged> {
        @Override
        public RetireIfUnchanged read(CompactReader reader) {
            String newKey = reader.getFieldKind("newKey") == com.hazelcast.nio.serialization.FieldKind.STRING
                    ? reader.readString("newKey") : "";
            return new RetireIfUnchanged(reader.readInt64("expectedVersion"), newKey, reader.readInt64("now"));
        }

        @Override
        public void write(CompactWriter writer, RetireIfUnchanged p) {
            writer.writeInt64("expectedVersion", p.expectedVersion);
            writer.writeInt64("now", p.fixedNow());
            writer.writeString("newKey", p.newKey);
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
