package io.sessiongrid.client.hazelcast;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;

import java.util.Map;

/**
 * Adds a session key to its principal's entry, stamped with the owner's time, before the write that gives the
 * session that principal. Running it twice leaves the same keys.
 *
 * @return how many keys the entry holds now
 */
final class AddPrincipalKey extends TimedProcessor<PrincipalKeys, Integer> {
    private final String sessionKey;

    AddPrincipalKey(String sessionKey) {
        this(sessionKey, 0);
    }

    private AddPrincipalKey(String sessionKey, long now) {
        super(now);
        this.sessionKey = sessionKey;
    }

    @Override
    Integer apply(Map.Entry<String, PrincipalKeys> entry) {
        PrincipalKeys current = entry.getValue();
        PrincipalKeys next = (current == null ? PrincipalKeys.NONE : current).adding(sessionKey, ownerNow());
        entry.setValue(next);
        return next.size();
    }

    static final class Serializer implements CompactSerializer<AddPrincipalKey> {
        @Override
        public AddPrincipalKey read(CompactReader reader) {
            return new AddPrincipalKey(reader.readString("sessionKey"), reader.readInt64("now"));
        }

        @Override
        public void write(CompactWriter writer, AddPrincipalKey p) {
            writer.writeString("sessionKey", p.sessionKey);
            writer.writeInt64("now", p.fixedNow());
        }

        @Override
        public String getTypeName() {
            return "sessiongrid.AddPrincipalKey";
        }

        @Override
        public Class<AddPrincipalKey> getCompactClass() {
            return AddPrincipalKey.class;
        }
    }
}
