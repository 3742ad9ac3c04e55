package io.sessiongrid.client.hazelcast;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import io.sessiongrid.client.core.SessionRecord;

/**
 * A live record as its owner sent it, with the owner's time when it judged it live: the reader learns how the
 * owner's clock relates to its own from every read. Immutable.
 */
record OwnerCopy(SessionRecord record, long ownerNow) {
    static final class Serializer implements CompactSerializer<OwnerCopy> {
        @Override
        public OwnerCopy read(CompactReader reader) {
            return new OwnerCopy(reader.readCompact("record"), reader.readInt64("ownerNow"));
        }

        @Override
        public void write(CompactWriter writer, OwnerCopy copy) {
            writer.writeCompact("record", copy.record);
            writer.writeInt64("ownerNow", copy.ownerNow);
        }

        @Override
        public String getTypeName() {
            return "sessiongrid.OwnerCopy";
        }

        @Override
        public Class<OwnerCopy> getCompactClass() {
            return OwnerCopy.class;
        }
    }
}
