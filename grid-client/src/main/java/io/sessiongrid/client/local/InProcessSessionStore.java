package io.sessiongrid.client.local;

import io.sessiongrid.client.api.AsyncSessionStore;
import io.sessiongrid.client.api.Session;
import io.sessiongrid.client.api.SessionChanges;
import io.sessiongrid.client.api.SessionExpiryListener;
import io.sessiongrid.client.api.SessionGridException;
import io.sessiongrid.client.api.SessionId;
import io.sessiongrid.client.api.SessionInfo;
import io.sessiongrid.client.api.SessionKey;
import io.sessiongrid.client.api.SessionLock;
import io.sessiongrid.client.api.SessionLockTimeoutException;
import io.sessiongrid.client.api.SessionNotFoundException;
import io.sessiongrid.client.api.SessionStore;
import io.sessiongrid.client.api.SessionTooLargeException;
import io.sessiongrid.client.api.StoreObserver;
import io.sessiongrid.client.api.StoreSettings;
import io.sessiongrid.client.core.AttributeDelta;
import io.sessiongrid.client.core.SessionRecord;
import io.sessiongrid.client.core.SessionRules;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * The store contract in one JVM, without a grid: for development and for applications' own unit tests. Each
 * write is atomic per session ({@link ConcurrentHashMap#compute}); expired sessions are never returned, and are
 * dropped (telling the expiry listeners, once each) when next read, written or counted: there is no background
 * sweep. Time comes from the settings' clock, so tests can move it. Locks are leased as in the grid
 * ({@link InProcessLocks}), on the JVM's elapsed time.
 * Thread safe.
 */
public final class InProcessSessionStore implements SessionStore {
    private final SessionRules rules;
    private final ConcurrentHashMap<String, SessionRecord> sessions = new ConcurrentHashMap<>();
    private final InProcessLocks locks = new InProcessLocks();
    private final AsyncSessionStore async = new Completed();
    private final List<SessionExpiryListener> expiryListeners = new CopyOnWriteArrayList<>();

    public InProcessSessionStore(StoreSettings settings) {
        this.rules = new SessionRules(settings, Thread.currentThread().getContextClassLoader());
    }

    @Override
    public Session create() {
        return create(SessionChanges.none());
    }

    @Override
    public Session create(SessionChanges initial) {
        while (true) {
            Session created = createAs(rules.newId(), initial);
            if (created != null) {
                return created;
            }
        }
    }

    /** @return null if the id is taken */
    private Session createAs(SessionId id, SessionChanges initial) {
        AttributeDelta delta = rules.encode(id.key(), initial);
        SessionRecord record = rules.newRecord(id, delta).startingAt(rules.now(), 0);
        return sessions.putIfAbsent(record.key(), record) == null ? rules.view(id, record) : null;
    }

    @Override
    public Optional<Session> find(SessionId id) {
        long now = rules.now();
        SessionRecord record = live(id.key().value(), now);
        if (record == null) {
            return Optional.empty();
        }
        if (rules.touchDue(record, now)) {
            record = sessions.computeIfPresent(record.key(), (k, r) -> r.touchedAt(now));
        }
        return Optional.ofNullable(record).map(r -> rules.view(id, r));
    }

    @Override
    public long apply(SessionKey sessionKey, SessionChanges changes) {
        AttributeDelta delta = rules.encode(sessionKey, changes);
        long now = rules.now();
        boolean[] tooLarge = {false};
        String key = sessionKey.value();
        SessionRecord result = sessions.computeIfPresent(key, (k, r) -> {
            if (r.isExpiredAt(now)) {
                return r;
            }
            SessionRecord next = r.applying(delta, now, 0);
            if (next.storedBytes() > rules.settings().maxSessionBytes()) {
                tooLarge[0] = true;
                return r;
            }
            return next;
        });
        if (tooLarge[0]) {
            throw new SessionTooLargeException(sessionKey, rules.settings().maxSessionBytes());
        }
        if (result == null || result.isExpiredAt(now)) {
            dropIfExpired(key, result, now);
            throw new SessionNotFoundException(sessionKey);
        }
        return result.version();
    }

    @Override
    public boolean touch(SessionId id) {
        long now = rules.now();
        String key = id.key().value();
        SessionRecord result = sessions.computeIfPresent(key, (k, r) -> r.isExpiredAt(now) ? r : r.touchedAt(now));
        dropIfExpired(key, result, now);
        return result != null && !result.isExpiredAt(now);
    }

    @Override
    public boolean invalidate(SessionId id) {
        return invalidate(id.key());
    }

    @Override
    public boolean invalidate(SessionKey key) {
        SessionRecord removed = sessions.remove(key.value());
        return removed != null && !removed.isExpiredAt(rules.now());
    }

    @Override
    public SessionId changeId(SessionId id) {
        SessionId next = rules.newId();
        while (!moveTo(id, next)) {
            next = rules.newId();
        }
        return next;
    }

    /** @return false, moving nothing, if {@code next} is taken */
    private boolean moveTo(SessionId id, SessionId next) {
        String key = id.key().value();
        SessionRecord old = live(key, rules.now());
        if (old == null) {
            throw new SessionNotFoundException(id.key());
        }
        // Moved (and re-sealed) before the old entry goes, so a value that cannot move loses nothing.
        SessionRecord moved = rules.movedTo(old, next.key().value());
        if (sessions.putIfAbsent(next.key().value(), moved) != null) {
            return false;
        }
        if (!sessions.remove(key, old)) {
            sessions.remove(next.key().value(), moved);
            throw new SessionNotFoundException(id.key());
        }
        return true;
    }

    @Override
    public Optional<SessionInfo> describe(SessionKey key) {
        return Optional.ofNullable(live(key.value(), rules.now())).map(rules::info);
    }

    @Override
    public List<SessionInfo> findByPrincipal(String principal) {
        long now = rules.now();
        List<SessionInfo> found = new ArrayList<>();
        for (SessionRecord r : sessions.values()) {
            if (Objects.equals(principal, r.principal()) && !r.isExpiredAt(now)) {
                found.add(rules.info(r));
            }
        }
        return found;
    }

    @Override
    public int invalidateByPrincipal(String principal) {
        int ended = 0;
        for (SessionInfo info : findByPrincipal(principal)) {
            if (invalidate(info.key())) {
                ended++;
            }
        }
        return ended;
    }

    @Override
    public long count() {
        long now = rules.now();
        sessions.forEach((key, record) -> dropIfExpired(key, record, now));
        return sessions.size();
    }

    @Override
    public SessionLock lock(SessionId id, Duration maxWait) {
        String key = id.key().value();
        long token = locks.acquire(key, maxWait, rules.settings().lockLease());
        if (token == 0) {
            throw new SessionLockTimeoutException(id.key(), maxWait);
        }
        SessionRecord record = live(key, rules.now());
        if (record == null) {
            locks.release(key, token);
            throw new SessionNotFoundException(id.key());
        }
        Session session = rules.view(id, record);
        return new SessionLock() {
            private Boolean released;

            @Override
            public Session session() {
                return session;
            }

            @Override
            public synchronized boolean release() {
                if (released == null) {
                    released = locks.release(key, token);
                    if (!released) {
                        rules.lockLeaseExpired();
                    }
                }
                return released;
            }
        };
    }

    @Override
    public void close() {
        sessions.clear();
    }

    @Override
    public AsyncSessionStore async() {
        return async;
    }

    /** Every operation is in memory and never waits, so each stage is complete when it is returned. */
    private final class Completed implements AsyncSessionStore {
        @Override
        public SessionId newId() {
            return rules.newId();
        }

        @Override
        public CompletionStage<Session> create(SessionId id, SessionChanges initial) {
            return done(() -> {
                Session created = createAs(id, initial);
                if (created == null) {
                    throw new SessionGridException("session id " + id.key().abbreviated() + " is taken; a new"
                            + " session's id must come from newId()");
                }
                return created;
            });
        }

        @Override
        public CompletionStage<Optional<Session>> find(SessionId id) {
            return done(() -> InProcessSessionStore.this.find(id));
        }

        @Override
        public CompletionStage<Long> apply(SessionId id, SessionChanges changes) {
            return done(() -> InProcessSessionStore.this.apply(id, changes));
        }

        @Override
        public CompletionStage<Boolean> invalidate(SessionId id) {
            return done(() -> InProcessSessionStore.this.invalidate(id));
        }

        @Override
        public CompletionStage<Boolean> invalidate(SessionKey key) {
            return done(() -> InProcessSessionStore.this.invalidate(key));
        }

        @Override
        public CompletionStage<Void> changeId(SessionId id, SessionId next) {
            return done(() -> {
                if (!moveTo(id, next)) {
                    throw new SessionGridException("session id " + next.key().abbreviated() + " is taken; the"
                            + " new id must come from newId()");
                }
                return null;
            });
        }

        @Override
        public CompletionStage<List<SessionInfo>> findByPrincipal(String principal) {
            return done(() -> InProcessSessionStore.this.findByPrincipal(principal));
        }
    }

    private static <T> CompletionStage<T> done(Supplier<T> work) {
        try {
            return CompletableFuture.completedFuture(work.get());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public void addObserver(StoreObserver observer) {
        rules.addObserver(observer);
    }

    @Override
    public void addExpiryListener(SessionExpiryListener listener) {
        expiryListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    private SessionRecord live(String key, long now) {
        SessionRecord record = sessions.get(key);
        return dropIfExpired(key, record, now) ? null : record;
    }

    /** Removes an expired record; the one caller whose removal succeeds tells the listeners. */
    private boolean dropIfExpired(String key, SessionRecord record, long now) {
        if (record == null || !record.isExpiredAt(now)) {
            return false;
        }
        if (sessions.remove(key, record)) {
            expiryListeners.forEach(l -> l.expired(rules.viewByKey(record)));
        }
        return true;
    }
}
