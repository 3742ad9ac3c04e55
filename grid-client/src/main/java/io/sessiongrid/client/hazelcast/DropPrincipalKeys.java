package io.sessiongrid.client.hazelcast;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;

import java.util.List;
import java.util.Map;

/**
 * Drops keys from a principal's entry, and the entry once it holds none. Keys of sessions that ended for good go at
 * once ({@code graceMillis} 0: a key is never reused). A key whose session is merely absent or another principal's
 * goes only if it was last added more than {@code graceMillis} ago by the owner's clock: a login adds the key before
 * it writes the session, so a young key may belong to a write still on its way.
 *
 * @return how many keys the entry holds now
 */
final class DropPrincipalKeys extends TimedProcessor<PrincipalKeys, Integer> {
    private final List<String> sessionKeys;
    private final long graceMillis;

    DropPrincipalKeys(List<String> sessionKeys, long graceMillis) {
        this(sessionKeys, graceMillis, 0);
    }

    private DropPrincipalKeys(List<String> sessionKeys, long graceMillis, long now) {
        super(now);
        this.sessionKeys = List.copyOf(sessionKeys);
        this.graceMillis = graceMillis;
    }

    @Override
    Integer apply(Map.Entry<String, PrincipalKeys> entry) {
        PrincipalKeys current = entry.getValue();
        if (current == null) {
            return 0;
        }
        PrincipalKeys next = current.dropping(sessionKeys, graceMillis == 0 ? Long.MAX_VALUE : ownerNow() - graceMillis);
        if (next != current) {
            entry.setValue(next.size() == 0 ? null : next);
        }
        return next.size();
    }

    static final class Serializer implements CompactSerializer<DropPrincipalKeys> {
        @Override
        public DropPrincipalKeys read(CompactReader reader) {
            return new DropPrincipalKeys(List.of(reader.readArrayOfString("sessionKeys")),
                    reader.readInt64("graceMillis"), reader.readInt64("now"));
        }

        @Override
        public void write(CompactWriter writer, DropPrincipalKeys p) {
            writer.writeArrayOfString("sessionKeys", p.sessionKeys.toArray(String[]::new));
            writer.writeInt64("graceMillis", p.graceMillis);
            writer.writeInt64("now", p.fixedNow());
        }

        @Override
        public String getTypeName() {
            return "sessiongrid.DropPrincipalKeys";
        }

        @Override
        public Class<DropPrincipalKeys> getCompactClass() {
            return DropPrincipalKeys.class;
        }
    }
}
