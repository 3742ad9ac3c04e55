package io.sessiongrid.client.hazelcast;

import com.hazelcast.config.IndexType;
import com.hazelcast.map.IMap;
import com.hazelcast.query.Predicates;
import io.sessiongrid.client.api.ReadMode;
import io.sessiongrid.client.api.Session;
import io.sessiongrid.client.api.SessionChanges;
import io.sessiongrid.client.api.SessionExpiryListener;
import io.sessiongrid.client.api.SessionGridException;
import io.sessiongrid.client.api.SessionId;
import io.sessiongrid.client.api.SessionInfo;
import io.sessiongrid.client.api.SessionKey;
import io.sessiongrid.client.api.SessionLock;
import io.sessiongrid.client.api.SessionNotFoundException;
import io.sessiongrid.client.api.SessionStore;
import io.sessiongrid.client.api.SessionTooLargeException;
import io.sessiongrid.client.api.StoreObserver;
import io.sessiongrid.client.core.AttributeDelta;
import io.sessiongrid.client.core.SessionRecord;
import io.sessiongrid.client.core.SessionRules;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The store over a Hazelcast IMap keyed by session key. Every write is an entry processor on the partition
 * owner (never a read-modify-write from here), replicated to the configured synchronous backups before it
 * returns. Reads go through the near cache as the {@link ReadMode} allows. Thread safe.
 */
final class HazelcastSessionStore implements SessionStore {
    private static final System.Logger LOG = System.getLogger(HazelcastSessionStore.class.getName());
    private static final int CHANGE_ID_ATTEMPTS = 16;

    private final IMap<String, SessionRecord> map;
    private final GridLocks locks;
    private final SessionRules rules;
    private final boolean validated;
    private final ExpiryEvents expiryEvents;

    /**
     * @param locks where session lock tokens are kept, by session key ({@link GridLocks}). A side map rather than
     *              a field of the record, so that taking and releasing a lock neither changes the session's version
     *              nor invalidates its near-cache copies.
     */
    HazelcastSessionStore(IMap<String, SessionRecord> map, IMap<String, Long> locks,
                          IMap<String, Boolean> expiryClaims, SessionRules rules) {
        this.map = map;
        this.locks = new GridLocks(locks);
        this.rules = rules;
        this.expiryEvents = new ExpiryEvents(map, expiryClaims, rules);
        this.validated = rules.settings().readMode() == ReadMode.VALIDATED;
        GridCalls.call("adding the principal index", () -> {
            map.addIndex(IndexType.HASH, GridConfigs.PRINCIPAL);
            return null;
        });
    }

    @Override
    public Session create() {
        return create(SessionChanges.none());
    }

    @Override
    public Session create(SessionChanges initial) {
        long now = rules.now();
        for (int attempt = 0; attempt < 3; attempt++) {
            SessionId id = rules.newId();
            AttributeDelta delta = rules.encode(id.key(), initial);
            SessionRecord record = rules.newRecord(id, now, delta);
            SessionRecord existing = GridCalls.call("creating a session", () -> map.putIfAbsent(record.key(),
                    record, Expiry.ttlMillis(record, now), TimeUnit.MILLISECONDS));
            // A retried create may find its own first attempt.
            if (existing == null || (existing.version() == record.version()
                    && existing.createdAt() == record.createdAt() && existing.attributes().keySet()
                    .equals(record.attributes().keySet()))) {
                return rules.view(id, record);
            }
        }
        throw new SessionGridException("the session id generator repeated an id three times; it is not random"
                + " enough: use the default SecureRandomIdGenerator");
    }

    @Override
    public Optional<Session> find(SessionId id) {
        String key = id.key().value();
        long now = rules.now();
        SessionRecord record = GridCalls.call("reading a session", () -> read(key, now));
        if (record != null && record.isExpiredAt(now)) {
            // The copy may only be stale (a touch's invalidation still on its way): the owner decides. If it agrees
            // the session expired, evict the entry now rather than when the owner's expiry task gets there. That is
            // safe without a condition: an expired record is never written again, and keys are never reused.
            record = GridCalls.call("reading a session", () -> readFromOwner(key, now));
            if (record == null) {
                evictExpired(key);
                return Optional.empty();
            }
        }
        if (record == null) {
            return Optional.empty();
        }
        if (rules.touchDue(record, now)) {
            inBackground(key, new Touch(now));
        }
        return Optional.of(rules.view(id, record));
    }

    private SessionRecord readFromOwner(String key, long now) {
        return (SessionRecord) map.executeOnKey(key, new ReadIfChanged(ReadIfChanged.NO_COPY, now));
    }

    private SessionRecord read(String key, long now) {
        SessionRecord local = map.get(key);
        // No copy: the answer came from the owner. (Ids are random and reach a reader only after the session was
        // created; a create invalidates the key in every near cache anyway.)
        if (!validated || local == null) {
            return local;
        }
        Object current = map.executeOnKey(key, new ReadIfChanged(local.version(), now));
        return current == Boolean.TRUE ? local : (SessionRecord) current;
    }

    /** Best effort: a touch that fails (the grid is away) is retried by the next read that finds it due. */
    private void inBackground(String key, Touch touch) {
        try {
            map.submitToKey(key, touch).whenComplete((result, failure) -> {
                if (failure != null) {
                    logBestEffortFailure("touch", key, failure);
                }
            });
        } catch (RuntimeException offline) {
            logBestEffortFailure("touch", key, offline);
        }
    }

    /** Best effort: an expired entry left behind is removed by the owner's expiry task. */
    private void evictExpired(String key) {
        try {
            map.evict(key);
        } catch (RuntimeException e) {
            logBestEffortFailure("eviction", key, e);
        }
    }

    private static void logBestEffortFailure(String what, String key, Throwable failure) {
        LOG.log(System.Logger.Level.DEBUG, "{0} of session {1} failed and is left to a later read: {2}",
                what, key.substring(0, 8), failure.toString());
    }

    @Override
    public void addObserver(StoreObserver observer) {
        rules.addObserver(observer);
    }

    @Override
    public void addExpiryListener(SessionExpiryListener listener) {
        expiryEvents.add(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public long apply(SessionId id, SessionChanges changes) {
        AttributeDelta delta = rules.encode(id.key(), changes);
        long now = rules.now();
        long result = GridCalls.call("applying session changes", () -> map.executeOnKey(id.key().value(),
                new ApplyDelta(delta, now, rules.settings().maxSessionBytes())));
        if (result == ApplyDelta.NOT_FOUND) {
            throw new SessionNotFoundException(id.key());
        }
        if (result == ApplyDelta.TOO_LARGE) {
            throw new SessionTooLargeException(id.key(), rules.settings().maxSessionBytes());
        }
        return result;
    }

    @Override
    public boolean touch(SessionId id) {
        long now = rules.now();
        return GridCalls.call("touching a session", () -> map.executeOnKey(id.key().value(), new Touch(now)));
    }

    @Override
    public boolean invalidate(SessionId id) {
        return invalidate(id.key());
    }

    @Override
    public boolean invalidate(SessionKey key) {
        long now = rules.now();
        return GridCalls.call("invalidating a session", () -> map.executeOnKey(key.value(), new Invalidate(now)));
    }

    @Override
    public SessionId changeId(SessionId id) {
        String oldKey = id.key().value();
        SessionId next = rules.newId();
        String newKey = next.key().value();
        // Not retried as a whole: a retry after a lost answer would find the old key retired.
        return GridCalls.callOnce("changing a session id", () -> {
            for (int attempt = 0; attempt < CHANGE_ID_ATTEMPTS; attempt++) {
                long now = rules.now();
                SessionRecord current = readFromOwner(oldKey, now);
                if (current == null) {
                    map.delete(newKey);
                    throw new SessionNotFoundException(id.key());
                }
                SessionRecord moved = rules.movedTo(current, newKey);
                map.set(newKey, moved, Expiry.ttlMillis(moved, now), TimeUnit.MILLISECONDS);
                int outcome = map.executeOnKey(oldKey, new RetireIfUnchanged(current.version(), now));
                if (outcome == RetireIfUnchanged.RETIRED) {
                    return next;
                }
                if (outcome == RetireIfUnchanged.GONE) {
                    map.delete(newKey);
                    throw new SessionNotFoundException(id.key());
                }
            }
            map.delete(newKey);
            throw new SessionGridException("session " + id.key().abbreviated() + " was written on every one of "
                    + CHANGE_ID_ATTEMPTS + " attempts to change its id; the id is unchanged, retry");
        });
    }

    @Override
    public Optional<SessionInfo> describe(SessionKey key) {
        Objects.requireNonNull(key, "key");
        long now = rules.now();
        return Optional.ofNullable(GridCalls.call("describing a session", () -> readFromOwner(key.value(), now)))
                .map(rules::info);
    }

    @Override
    public List<SessionInfo> findByPrincipal(String principal) {
        Objects.requireNonNull(principal, "principal");
        long now = rules.now();
        return GridCalls.call("finding sessions by principal", () ->
                map.values(Predicates.equal(GridConfigs.PRINCIPAL, principal)).stream()
                        .filter(r -> !r.isExpiredAt(now))
                        .map(rules::info)
                        .toList());
    }

    @Override
    public int invalidateByPrincipal(String principal) {
        Objects.requireNonNull(principal, "principal");
        long now = rules.now();
        Map<String, Boolean> ended = GridCalls.call("invalidating sessions by principal", () ->
                map.executeOnEntries(new Invalidate(now), Predicates.equal(GridConfigs.PRINCIPAL, principal)));
        return (int) ended.values().stream().filter(Boolean.TRUE::equals).count();
    }

    @Override
    public long count() {
        return GridCalls.call("counting sessions", map::size);
    }

    @Override
    public SessionLock lock(SessionId id, Duration maxWait) {
        String key = id.key().value();
        SessionLock lock = locks.acquire(id.key(), maxWait, rules.settings().lockLease(), () -> {
            long now = rules.now();
            SessionRecord record = GridCalls.call("reading a locked session", () -> readFromOwner(key, now));
            return record == null ? null : rules.view(id, record);
        }, rules::lockLeaseExpired);
        if (lock == null) {
            throw new SessionNotFoundException(id.key());
        }
        return lock;
    }

    @Override
    public void close() {
        // The map and its sessions belong to the grid; nothing here outlives the store object.
    }
}
