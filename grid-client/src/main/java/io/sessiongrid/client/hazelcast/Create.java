package io.sessiongrid.client.hazelcast;

import com.hazelcast.map.ExtendedMapEntry;
import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import io.sessiongrid.client.core.SessionRecord;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Creates a session under a new key on its owner, with its creation, last access and deadline taken from the
 * owner's clock ({@link SessionRecord#startingAt}), unless the key is taken. A create retried after its answer
 * was lost finds the record it wrote (its write id) and answers as if it had just created it.
 *
 * @return the owner's time of creation, or {@link #TAKEN} if another session holds the key
 */
final class Create extends TimedProcessor<SessionRecord, Long> {
    static final long TAKEN = -1;

    private final SessionRecord template;
    private final long writeId;

    Create(SessionRecord template, long writeId) {
        this(template, writeId, 0);
    }

    private Create(SessionRecord template, long writeId, long now) {
        super(now);
        this.template = template;
        this.writeId = writeId;
    }

    @Override
    Long apply(Map.Entry<String, SessionRecord> entry) {
        SessionRecord existing = entry.getValue();
        if (existing != null) {
            return existing.wasWrittenBy(writeId) ? existing.createdAt() : TAKEN;
        }
        long now = ownerNow();
        SessionRecord record = template.startingAt(now, writeId);
        ((ExtendedMapEntry<String, SessionRecord>) entry).setValue(record, Expiry.ttlMillis(record, now),
                TimeUnit.MILLISECONDS);
        return now;
    }

    static final class Serializer implements CompactSerializer<Create> {
        @Override
        public Create read(CompactReader reader) {
            return new Create(reader.readCompact("template"), reader.readInt64("writeId"), reader.readInt64("now"));
        }

        @Override
        public void write(CompactWriter writer, Create p) {
            writer.writeCompact("template", p.template);
            writer.writeInt64("writeId", p.writeId);
            writer.writeInt64("now", p.fixedNow());
        }

        @Override
        public String getTypeName() {
            return "sessiongrid.Create";
        }

        @Override
        public Class<Create> getCompactClass() {
            return Create.class;
        }
    }
}
