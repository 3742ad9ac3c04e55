package io.sessiongrid.client.hazelcast;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import io.sessiongrid.client.core.SessionRecord;

import java.util.Map;

/**
 * Removes a session on its owner only if it still belongs to the principal: a key in a principal's entry may have
 * been given another principal since.
 *
 * @return {@link #ENDED} if a live session of the principal was removed, {@link #REMOVED} if an expired one was,
 *         {@link #LEFT} if there was none of the principal's under the key
 */
final class InvalidateOfPrincipal extends TimedProcessor<SessionRecord, Integer> {
    static final int LEFT = 0;
    static final int REMOVED = 1;
    static final int ENDED = 2;

    private final String principal;

    InvalidateOfPrincipal(String principal) {
        this(principal, 0);
    }

    private InvalidateOfPrincipal(String principal, long now) {
        super(now);
        this.principal = principal;
    }

    @Override
    Integer apply(Map.Entry<String, SessionRecord> entry) {
        SessionRecord record = entry.getValue();
        if (record == null || record.isForwarding() || !principal.equals(record.principal())) {
            return LEFT;
        }
        entry.setValue(null);
        return record.isExpiredAt(ownerNow()) ? REMOVED : ENDED;
    }

    static final class Serializer implements CompactSerializer<InvalidateOfPrincipal> {
        @Override
        public InvalidateOfPrincipal read(CompactReader reader) {
            return new InvalidateOfPrincipal(reader.readString("principal"), reader.readInt64("now"));
        }

        @Override
        public void write(CompactWriter writer, InvalidateOfPrincipal p) {
            writer.writeString("principal", p.principal);
            writer.writeInt64("now", p.fixedNow());
        }

        @Override
        public String getTypeName() {
            return "sessiongrid.InvalidateOfPrincipal";
        }

        @Override
        public Class<InvalidateOfPrincipal> getCompactClass() {
            return InvalidateOfPrincipal.class;
        }
    }
}
