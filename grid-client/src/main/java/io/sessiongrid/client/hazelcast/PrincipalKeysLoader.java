package io.sessiongrid.client.hazelcast;

import com.hazelcast.map.MapLoader;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * With durable sessions, fills a principal's entry on its first use after a restart from the rows' principal
 * column, so that lookups find the sessions kept across the restart (loaded or not yet: a lookup's read of a key
 * loads its session). The keys come stamped as old, so a lookup may drop those whose sessions are gone. It only
 * loads: the principal map is rebuilt from the rows, never written to them. Thread safe.
 *
 * <p>When the database does not answer: with write-through the call fails, as every write then does; with
 * write-behind the grid serves on and the entry starts without the kept sessions, which lookups then miss until
 * the entry is loaded again (after its last key has gone).
 */
final class PrincipalKeysLoader implements MapLoader<String, PrincipalKeys> {
    private static final System.Logger LOG = System.getLogger(PrincipalKeysLoader.class.getName());
    private final SessionRows rows;
    private final String sessionMap;
    private final boolean servesWithoutDatabase;

    PrincipalKeysLoader(SessionRows rows, String sessionMap, SessionPersistence persistence) {
        this.rows = rows;
        this.sessionMap = sessionMap;
        this.servesWithoutDatabase = !persistence.isWriteThrough();
    }

    @Override
    public PrincipalKeys load(String principal) {
        List<String> keys;
        try {
            keys = SessionMapStore.guarded("listing a principal's", sessionMap,
                    () -> rows.principalKeys(sessionMap, principal, System.currentTimeMillis()));
        } catch (PersistenceUnavailableException away) {
            if (!servesWithoutDatabase) {
                throw away;
            }
            LOG.log(System.Logger.Level.WARNING, "map \"{0}\": a principal''s sessions from before the restart are"
                    + " not found by principal while the database is away ({1})", sessionMap, away.getMessage());
            return null;
        }
        if (keys.isEmpty()) {
            return null;
        }
        Map<String, Long> addedAt = new HashMap<>();
        keys.forEach(key -> addedAt.put(key, 0L));
        return new PrincipalKeys(addedAt);
    }

    @Override
    public Map<String, PrincipalKeys> loadAll(Collection<String> principals) {
        Map<String, PrincipalKeys> loaded = new HashMap<>();
        for (String principal : principals) {
            PrincipalKeys keys = load(principal);
            if (keys != null) {
                loaded.put(principal, keys);
            }
        }
        return loaded;
    }

    /** Nothing up front: each principal's entry is filled on its first use. */
    @Override
    public Iterable<String> loadAllKeys() {
        return null;
    }
}
