package io.sessiongrid.client.hazelcast;

import com.hazelcast.map.EntryStore;
import io.sessiongrid.client.core.RecordBytes;
import io.sessiongrid.client.core.SessionRecord;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One session map's {@link EntryStore} over the durable rows: what the member writes, deletes and loads. A forwarding
 * record deletes the old key's row instead of writing it; a loaded session gets the map entry's time to live from its
 * own expiry (as {@link Expiry} gives every write), so it ends when it would have ended had the grid never stopped.
 * Any failure of the rows reaches Hazelcast as {@link PersistenceUnavailableException}, which fails the operation
 * before the entry changes (write-through) or keeps the row queued for the next try (write-behind). Thread safe.
 *
 * <p>A key missing from the map is looked up in the database (Hazelcast's read-through): that is how a lazily loaded
 * session comes back, and how one the members lost beyond their backups is found again. With write-behind the grid
 * serves on while the database is away, so such a lookup then finds nothing instead of failing the call: a new
 * session (a fresh key) can still be created.
 */
final class SessionMapStore implements EntryStore<String, SessionRecord> {
    private static final System.Logger LOG = System.getLogger(SessionMapStore.class.getName());
    private final SessionRows rows;
    private final String mapName;
    private final boolean eagerLoad;
    private final boolean servesWithoutDatabase;
    /** Whether the last lookup found the database away; it is said once per outage, not once per lookup. */
    private volatile boolean lookupsFailing;

    SessionMapStore(SessionRows rows, String mapName, SessionPersistence persistence) {
        this.rows = rows;
        this.mapName = mapName;
        this.eagerLoad = persistence.eagerLoad();
        this.servesWithoutDatabase = !persistence.isWriteThrough();
    }

    @Override
    public MetadataAwareValue<SessionRecord> load(String key) {
        return loadAll(List.of(key)).get(key);
    }

    @Override
    public Map<String, MetadataAwareValue<SessionRecord>> loadAll(Collection<String> keys) {
        long now = System.currentTimeMillis();
        Map<String, byte[]> found;
        try {
            found = guarded("reading", mapName, () -> rows.read(mapName, keys, now));
        } catch (PersistenceUnavailableException away) {
            if (!servesWithoutDatabase) {
                throw away;
            }
            if (!lookupsFailing) {
                lookupsFailing = true;
                LOG.log(System.Logger.Level.WARNING, "map \"{0}\": sessions not in memory are not found while the"
                        + " database is away ({1}); they are loaded on their next use once it is back", mapName,
                        away.getMessage());
            }
            return Map.of();
        }
        lookupsFailing = false;
        Map<String, MetadataAwareValue<SessionRecord>> loaded = new HashMap<>(found.size() * 2);
        found.forEach((key, bytes) -> {
            SessionRecord record;
            try {
                record = RecordBytes.decode(bytes);
            } catch (IllegalArgumentException damaged) {
                // One damaged row must not keep the other sessions, or the whole map, from loading.
                LOG.log(System.Logger.Level.WARNING, "the row of session {0} in map \"{1}\" is not a session record"
                        + " ({2}); it is left out", key.substring(0, Math.min(8, key.length())), mapName,
                        damaged.getMessage());
                return;
            }
            if (!record.isExpiredAt(now)) {
                long ttl = Expiry.ttlMillis(record, now);
                loaded.put(key, ttl == 0 ? new MetadataAwareValue<>(record)
                        : new MetadataAwareValue<>(record, now + ttl));
            }
        });
        return loaded;
    }

    /** Eager loading: every live key. Lazy: none, so that each session is loaded on its first use. */
    @Override
    public Iterable<String> loadAllKeys() {
        return eagerLoad ? guarded("listing", mapName, () -> rows.liveKeys(mapName, System.currentTimeMillis())) : null;
    }

    @Override
    public void store(String key, MetadataAwareValue<SessionRecord> value) {
        storeAll(Map.of(key, value));
    }

    @Override
    public void storeAll(Map<String, MetadataAwareValue<SessionRecord>> entries) {
        List<SessionRow> written = new ArrayList<>(entries.size());
        List<String> moved = new ArrayList<>();
        entries.forEach((key, value) -> {
            SessionRecord record = value.getValue();
            if (record.isForwarding()) {
                moved.add(key);
            } else {
                written.add(new SessionRow(record.key(), record.principal(), record.expiresAt(), record.version(),
                        RecordBytes.encode(record)));
            }
        });
        guarded("writing", mapName, () -> {
            if (!written.isEmpty()) {
                rows.write(mapName, written);
            }
            if (!moved.isEmpty()) {
                rows.delete(mapName, moved);
            }
            return null;
        });
    }

    @Override
    public void delete(String key) {
        deleteAll(List.of(key));
    }

    @Override
    public void deleteAll(Collection<String> keys) {
        guarded("deleting", mapName, () -> {
            rows.delete(mapName, keys);
            return null;
        });
    }

    /** Runs a call on the rows, any failure of it reaching Hazelcast as {@link PersistenceUnavailableException}. */
    static <T> T guarded(String action, String mapName, Supplier<T> work) {
        try {
            return work.get();
        } catch (PersistenceUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new PersistenceUnavailableException("the session database failed " + action + " rows of map \""
                    + mapName + "\" (" + e + "); check that it runs and that persistence.jdbc-url reaches it", e);
        }
    }
}
