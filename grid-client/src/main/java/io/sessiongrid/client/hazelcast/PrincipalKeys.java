package io.sessiongrid.client.hazelcast;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The keys of the sessions given one principal, each with the owner's time it was last added: a value of the
 * principal map ({@link PrincipalIndex}). It may hold keys of sessions that ended or took another principal since;
 * it lacks no live session of the principal, because every write that gives a session a principal adds its key
 * first. Immutable.
 */
record PrincipalKeys(Map<String, Long> addedAt) {
    static final PrincipalKeys NONE = new PrincipalKeys(Map.of());

    PrincipalKeys {
        addedAt = Map.copyOf(addedAt);
    }

    Set<String> keys() {
        return addedAt.keySet();
    }

    int size() {
        return addedAt.size();
    }

    /** These keys with {@code key} added, or stamped again, at {@code now}. */
    PrincipalKeys adding(String key, long now) {
        Map<String, Long> next = new HashMap<>(addedAt);
        next.put(key, now);
        return new PrincipalKeys(next);
    }

    /** These keys without those of {@code dropped} that were last added before {@code addedBefore}. */
    PrincipalKeys dropping(Collection<String> dropped, long addedBefore) {
        Map<String, Long> next = new HashMap<>(addedAt);
        for (String key : dropped) {
            next.computeIfPresent(key, (k, stamp) -> stamp < addedBefore ? null : stamp);
        }
        return next.size() == addedAt.size() ? this : new PrincipalKeys(next);
    }

    static final class Serializer implements CompactSerializer<PrincipalKeys> {
        @Override
        public PrincipalKeys read(CompactReader reader) {
            String[] keys = reader.readArrayOfString("keys");
            long[] stamps = reader.readArrayOfInt64("addedAt");
            Map<String, Long> addedAt = new HashMap<>();
            for (int i = 0; i < keys.length; i++) {
                addedAt.put(keys[i], stamps[i]);
            }
            return new PrincipalKeys(addedAt);
        }

        @Override
        public void write(CompactWriter writer, PrincipalKeys value) {
            String[] keys = new String[value.size()];
            long[] stamps = new long[keys.length];
            int i = 0;
            for (Map.Entry<String, Long> e : value.addedAt.entrySet()) {
                keys[i] = e.getKey();
                stamps[i++] = e.getValue();
            }
            writer.writeArrayOfString("keys", keys);
            writer.writeArrayOfInt64("addedAt", stamps);
        }

        @Override
        public String getTypeName() {
            return "sessiongrid.PrincipalKeys";
        }

        @Override
        public Class<PrincipalKeys> getCompactClass() {
            return PrincipalKeys.class;
        }
    }
}
