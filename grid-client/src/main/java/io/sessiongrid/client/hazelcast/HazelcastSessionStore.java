package io.sessiongrid.client.hazelcast;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.hazelcast.client.map.impl.nearcache.NearCachedClientMapProxy;
import com.hazelcast.internal.nearcache.NearCache;
import com.hazelcast.map.impl.proxy.NearCachedMapProxyImpl;
import com.hazelcast.map.IMap;
import io.sessiongrid.client.api.AsyncSessionStore;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The store over a Hazelcast IMap keyed by session key. Every write is an entry processor on the partition
 * owner (never a read-modify-write from here), replicated to the configured synchronous backups before it
 * returns. Time is the owner's: creation, access and expiry are decided on the owner's clock, so an instance
 * whose clock is off neither ends nor prolongs sessions. Reads go through the near cache ({@code STICKY}) or
 * are confirmed with the owner in one round trip ({@code VALIDATED}). Sessions are found by principal through the
 * principal map beside the session map ({@link PrincipalIndex}), which a write that gives a session a principal
 * updates first. {@link #async()} offers the request operations as the same steps chained to Hazelcast's
 * asynchronous calls. Thread safe.
 */
final class HazelcastSessionStore implements SessionStore {
    private static final System.Logger LOG = System.getLogger(HazelcastSessionStore.class.getName());
    /** How long closing waits for the members to drop its expiry listener; healthy members answer in milliseconds. */
    static final Duration LISTENER_REMOVAL_WAIT = Duration.ofSeconds(10);
    private static final int CHANGE_ID_ATTEMPTS = 16;
    private static final int SEALED_WRITE_ATTEMPTS = 64;

    private final IMap<String, SessionRecord> map;
    private final PrincipalIndex principals;
    private final GridLocks locks;
    private final SessionRules rules;
    private final boolean validated;
    private final ExpiryEvents expiryEvents;
    private final OwnerClock clock;
    /** {@code VALIDATED}: the last record read of each key, confirmed with the owner at every read. */
    private final Cache<String, SessionRecord> copies;
    /**
     * {@code STICKY}: this JVM's near cache of the map (Hazelcast's internal API: a member's or a client's), so that a
     * record this store wrote is served from it; null if the map has none.
     */
    private final NearCache<Object, Object> nearCache;
    private final AsyncSessionStore async = new Async();
    /**
     * Where the answers of asynchronous grid calls are handled (and the asynchronous form's stages complete): threads
     * that may make the next grid call, as Hazelcast's own may not.
     */
    private final ThreadPoolExecutor callbacks;
    /**
     * Where the asynchronous form runs what has no asynchronous form here: the principal lookup, the eviction of an
     * entry found expired, and the check of a principal's entry that grew large.
     */
    private final ThreadPoolExecutor queries;

    /**
     * @param locks where session lock tokens are kept, by session key ({@link GridLocks}). A side map rather than
     *              a field of the record, so that taking and releasing a lock neither changes the session's version
     *              nor invalidates its near-cache copies.
     */
    HazelcastSessionStore(IMap<String, SessionRecord> map, PrincipalIndex principals, IMap<String, Long> locks,
                          IMap<String, Boolean> expiryClaims, SessionRules rules, int localCopies) {
        this.map = map;
        this.principals = principals;
        this.locks = new GridLocks(locks);
        this.rules = rules;
        this.expiryEvents = new ExpiryEvents(map, expiryClaims, rules);
        this.validated = rules.settings().readMode() == ReadMode.VALIDATED;
        this.clock = new OwnerClock(rules.settings().clock(), rules.settings().touchInterval().toMillis());
        this.copies = Caffeine.newBuilder().maximumSize(validated ? localCopies : 0).executor(Runnable::run).build();
        this.nearCache = validated ? null : nearCacheOf(map);
        // A grid answer that arrives after close is still handled, on the thread that brings it: its stage completes.
        this.callbacks = GridThreads.daemon("sessiongrid-callback", Math.max(2, Runtime.getRuntime().availableProcessors()),
                (work, closed) -> work.run());
        this.queries = GridThreads.daemon("sessiongrid-query", 2, new ThreadPoolExecutor.AbortPolicy());
    }

    private static NearCache<Object, Object> nearCacheOf(IMap<String, SessionRecord> map) {
        if (map instanceof NearCachedMapProxyImpl<?, ?> member) {
            return member.getNearCache();
        }
        if (map instanceof NearCachedClientMapProxy<?, ?> client) {
            return client.getNearCache();
        }
        return null;
    }

    @Override
    public Session create() {
        return create(SessionChanges.none());
    }

    @Override
    public Session create(SessionChanges initial) {
        for (int attempt = 0; attempt < 3; attempt++) {
            SessionId id = rules.newId();
            SessionRecord template = rules.newRecord(id, rules.encode(id.key(), initial));
            long writeId = rules.newWriteId();
            recordPrincipal(template.principal(), template.key());
            // Retried with the same write id, so a retry recognises its own first attempt.
            long createdAt = GridCalls.call("creating a session", () -> map.executeOnKey(template.key(),
                    new Create(template, writeId)));
            if (createdAt != Create.TAKEN) {
                return rules.view(id, template.startingAt(createdAt, writeId));
            }
        }
        throw new SessionGridException("the session id generator repeated an id three times; it is not random"
                + " enough: use the default SecureRandomIdGenerator");
    }

    @Override
    public Optional<Session> find(SessionId id) {
        String key = id.key().value();
        Copy copy = GridCalls.call("reading a session", () -> read(key));
        if (onlyTheOwnerCanTell(copy)) {
            return fromOwner(id, GridCalls.call("reading a session", () -> readFromOwner(key)), this::evictExpired);
        }
        return served(id, copy.record, copy.confirmedLive);
    }

    /**
     * An unconfirmed copy that looks expired is only a hint: it may be stale (a touch's invalidation on its way) or
     * this clock off. The owner decides.
     */
    private boolean onlyTheOwnerCanTell(Copy copy) {
        return copy.record != null && !copy.confirmedLive && copy.record.isExpiredAt(clock.now());
    }

    /**
     * The owner's answer for a copy that looked expired. Only if the owner agrees the session expired is the entry
     * evicted now rather than by the owner's expiry task; that is safe without a condition: an expired record is
     * never written again, and keys are never reused.
     *
     * @param evict how to evict the key: Hazelcast's eviction only blocks, so a caller that must not wait hands it on
     */
    private Optional<Session> fromOwner(SessionId id, Object answer, Consumer<String> evict) {
        if (answer == null) {
            evict.accept(id.key().value());
            return Optional.empty();
        }
        if (!(answer instanceof OwnerCopy live)) {
            return Optional.empty();
        }
        touchInBackground(id.key().value());
        return Optional.of(rules.view(id, live.record()));
    }

    /** A read's record as the session it shows, keeping the owner's idle clock and this JVM's clock estimate. */
    private Optional<Session> served(SessionId id, SessionRecord record, boolean confirmedLive) {
        if (record == null || (!confirmedLive && !rules.trusts(record))) {
            return Optional.empty();
        }
        String key = id.key().value();
        if (rules.touchDue(record, clock.now())) {
            touchInBackground(key);
        } else if (clock.isStale()) {
            learnOwnersTime(key, record.version());
        }
        return Optional.of(rules.view(id, record));
    }

    /** What the owner answers for one key: an {@link OwnerCopy}, null, or {@link ReadIfChanged#MOVED}. */
    private Object readFromOwner(String key) {
        return validatedRead(key, ReadIfChanged.NO_COPY);
    }

    /** The owner's live record of a key, or null. */
    private SessionRecord ownerRecord(String key) {
        return readFromOwner(key) instanceof OwnerCopy live ? live.record() : null;
    }

    /**
     * One round trip; the answer's owner time keeps this JVM's estimate of the owner's clock current. A record whose
     * seal fails (with encryption on) is answered as null: no session.
     */
    private Object validatedRead(String key, long knownVersion) {
        long sentAt = clock.localNow();
        long sentAtNanos = System.nanoTime();
        return judged(map.executeOnKey(key, new ReadIfChanged(knownVersion)), sentAt, sentAtNanos);
    }

    private CompletionStage<Object> validatedReadAsync(String key, long knownVersion) {
        long sentAt = clock.localNow();
        long sentAtNanos = System.nanoTime();
        return GridCalls.async("reading a session", callbacks, () -> map.submitToKey(key,
                        new ReadIfChanged(knownVersion)))
                .thenApply(answer -> judged(answer, sentAt, sentAtNanos));
    }

    private Object judged(Object answer, long sentAt, long sentAtNanos) {
        if (answer instanceof Long ownerNow) {
            clock.observe(ownerNow, sentAt, clock.localNow());
        } else if (answer instanceof OwnerCopy copy) {
            clock.observe(copy.ownerNow(), sentAt, clock.localNow());
            if (!rules.trustsFromOwner(copy.record(), sentAtNanos)) {
                return null;
            }
        }
        return answer;
    }

    /**
     * {@code VALIDATED}: one round trip, always: the owner confirms the local copy's version (answering with its
     * time) or sends the record, judged live on its clock. {@code STICKY}: the near cache, or the owner on a miss;
     * unconfirmed.
     */
    private Copy read(String key) {
        if (!validated) {
            // A near-cache hit straight from the near cache, as readAsync does: the map's proxy adds a lookup of
            // the map's container and a key conversion to every read.
            SessionRecord local = localCopy(key);
            return new Copy(local != null ? local : map.get(key), false);
        }
        SessionRecord local = copies.getIfPresent(key);
        return confirmed(key, local, validatedRead(key, local == null ? ReadIfChanged.NO_COPY : local.version()));
    }

    /** As {@link #read}, without blocking. */
    private CompletionStage<Copy> readAsync(String key) {
        if (!validated) {
            // A near-cache hit answers at once, without a Hazelcast future (each of which costs a hand-off to the
            // store's callback threads).
            SessionRecord local = localCopy(key);
            if (local != null) {
                return CompletableFuture.completedFuture(new Copy(local, false));
            }
            return GridCalls.async("reading a session", callbacks, () -> map.getAsync(key))
                    .thenApply(r -> new Copy(r, false));
        }
        SessionRecord local = copies.getIfPresent(key);
        return validatedReadAsync(key, local == null ? ReadIfChanged.NO_COPY : local.version())
                .thenApply(answer -> confirmed(key, local, answer));
    }

    private Copy confirmed(String key, SessionRecord local, Object answer) {
        if (answer instanceof Long) {
            return new Copy(local, true);
        }
        // Only a record whose seal held is kept (validatedRead refused the others): a sealed write starts from it.
        if (answer instanceof OwnerCopy fresh) {
            copies.put(key, fresh.record());
            return new Copy(fresh.record(), true);
        }
        copies.invalidate(key);
        return new Copy(null, true);
    }

    /** @param confirmedLive whether the owner judged it live (and, with sealing on, its seal was checked) */
    private record Copy(SessionRecord record, boolean confirmedLive) {
    }

    /**
     * Best effort: a touch that fails (the grid is away) is retried by the next read that finds it due. Its answer
     * carries the owner's time, which keeps this JVM's estimate of the owner's clock current.
     */
    private void touchInBackground(String key) {
        long sentAt = clock.localNow();
        try {
            map.submitToKey(key, new Touch()).whenCompleteAsync((ownerNow, failure) -> {
                if (failure != null) {
                    logBestEffortFailure("touch", key, failure);
                } else if (ownerNow != null && ownerNow != Touch.NOT_LIVE) {
                    clock.observe(ownerNow, sentAt, clock.localNow());
                }
            }, callbacks);
        } catch (RuntimeException offline) {
            logBestEffortFailure("touch", key, offline);
        }
    }

    /**
     * Best effort, in the background: a read-only question to the owner whose answer carries its time, so that a
     * near-cache reader that has not heard from an owner lately learns how the owners' clock relates to its own,
     * without writing anything (a touch would invalidate every near cache's copy).
     */
    private void learnOwnersTime(String key, long version) {
        long sentAt = clock.localNow();
        try {
            map.submitToKey(key, new ReadIfChanged(version)).whenCompleteAsync((answer, failure) -> {
                if (answer instanceof Long ownerNow) {
                    clock.observe(ownerNow, sentAt, clock.localNow());
                } else if (answer instanceof OwnerCopy copy) {
                    clock.observe(copy.ownerNow(), sentAt, clock.localNow());
                }
            }, callbacks);
        } catch (RuntimeException offline) {
            logBestEffortFailure("reading the owner's time", key, offline);
        }
    }

    /** The copy of a record this JVM holds without asking anyone (a near-cache entry, a validated copy), or null. */
    private SessionRecord localCopy(String key) {
        if (validated) {
            return copies.getIfPresent(key);
        }
        return nearCache == null ? null : nearCache.get(key) instanceof SessionRecord record ? record : null;
    }

    /**
     * Keeps a record this store just wrote as this JVM's copy. {@code VALIDATED}: the next read's check finds it
     * current and ships nothing back. {@code STICKY}: the near cache serves it, instead of missing because the write
     * invalidated it; another instance's later write still invalidates it. A write by another instance that lands
     * between this write and this line (a fraction of a millisecond) is missed until the session's next change or
     * the near cache's reconciliation, like any invalidation lost in transit.
     */
    private void keepLocally(String key, SessionRecord written) {
        rules.wroteContent(written);
        if (validated) {
            copies.put(key, written);
        } else if (nearCache != null) {
            nearCache.put(key, null, written, null);
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

    /** As {@link #evictExpired}, on the store's own thread. */
    private void evictLater(String key) {
        try {
            queries.execute(() -> evictExpired(key));
        } catch (RejectedExecutionException closed) {
            logBestEffortFailure("eviction", key, closed);
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
    public long apply(SessionKey sessionKey, SessionChanges changes) {
        AttributeDelta delta = rules.encode(sessionKey, changes);
        SessionRecord base = localCopy(sessionKey.value());
        long writeId = rules.newWriteId();
        recordPrincipal(givenPrincipal(delta), sessionKey.value());
        long result = rules.seals() ? applySealed(sessionKey, delta, base) : applyOnOwner(sessionKey, new ApplyDelta(delta,
                writeId, rules.settings().maxSessionBytes()));
        return applied(sessionKey, delta, base, writeId, result);
    }

    /** The outcome of a write as the store answers it, keeping the written record where that is safe. */
    private long applied(SessionKey sessionKey, AttributeDelta delta, SessionRecord base, long writeId, long result) {
        if (!rules.seals() && base != null && result == base.version() + 1 && !delta.accessed()) {
            // Nothing landed between the copy this request read and this write: the owner now holds exactly the
            // copy with the delta applied, so this JVM keeps it rather than fetch it on the next read.
            keepLocally(sessionKey.value(), base.applying(delta, base.lastAccessedAt(), writeId));
        }
        if (result == ApplyDelta.NOT_FOUND) {
            throw new SessionNotFoundException(sessionKey);
        }
        if (result == ApplyDelta.TOO_LARGE) {
            throw new SessionTooLargeException(sessionKey, rules.settings().maxSessionBytes());
        }
        return result;
    }

    /** Retried with the same processor (so the same write id) when its member leaves mid-call. */
    private long applyOnOwner(SessionKey sessionKey, ApplyDelta write) {
        return GridCalls.call("applying session changes", () -> map.executeOnKey(sessionKey.value(), write));
    }

    /**
     * With sealing on, the writer seals the record the delta will produce, so the write is conditional on the
     * content it was sealed for. A write that lands between is not lost: the delta is sealed again over the newer
     * content and sent again, as often as needed within {@value #SEALED_WRITE_ATTEMPTS} attempts.
     */
    private long applySealed(SessionKey sessionKey, AttributeDelta delta, SessionRecord copy) {
        String key = sessionKey.value();
        // The copy the request most likely read: it holds unless another write landed since.
        SessionRecord base = copy != null ? copy : validated ? null
                : GridCalls.call("applying session changes", () -> map.get(key));
        if (base != null && !validated && !rules.trusts(base)) {
            return ApplyDelta.NOT_FOUND;
        }
        for (int attempt = 0; attempt < SEALED_WRITE_ATTEMPTS; attempt++) {
            if (base == null) {
                base = GridCalls.call("applying session changes", () -> ownerRecord(key));
                if (base == null) {
                    return ApplyDelta.NOT_FOUND;
                }
            }
            SealedWrite write = sealedOver(base, delta);
            long result = applyOnOwner(sessionKey, write.processor());
            if (landed(key, base, delta, write, result)) {
                return result;
            }
            base = null;
        }
        throw sealedWriteGaveUp(sessionKey);
    }

    /** One attempt of a sealed write: the processor, conditional on the base's content, and the record it makes. */
    private record SealedWrite(ApplyDelta processor, SessionRecord next) {
    }

    private SealedWrite sealedOver(SessionRecord base, AttributeDelta delta) {
        long writeId = rules.newWriteId();
        SessionRecord next = rules.sealed(base.applying(delta, base.lastAccessedAt(), writeId));
        return new SealedWrite(new ApplyDelta(delta, writeId, rules.settings().maxSessionBytes(), base.contentVersion(),
                next.seal()), next);
    }

    /** Whether the sealed write's answer ends the write (it did not meet a conflicting write). */
    private boolean landed(String key, SessionRecord base, AttributeDelta delta, SealedWrite write, long result) {
        if (result == base.version() + 1 && !delta.accessed()) {
            keepLocally(key, write.next());
        }
        return result != ApplyDelta.CONFLICT;
    }

    private static SessionGridException sealedWriteGaveUp(SessionKey sessionKey) {
        return new SessionGridException("session " + sessionKey.abbreviated() + " was written by others on every one of "
                + SEALED_WRITE_ATTEMPTS + " attempts to write it sealed; nothing of this write was applied, retry");
    }

    @Override
    public boolean touch(SessionId id) {
        long sentAt = clock.localNow();
        long ownerNow = GridCalls.call("touching a session", () -> map.executeOnKey(id.key().value(), new Touch()));
        if (ownerNow == Touch.NOT_LIVE) {
            return false;
        }
        clock.observe(ownerNow, sentAt, clock.localNow());
        return true;
    }

    @Override
    public boolean invalidate(SessionId id) {
        return invalidate(id.key());
    }

    @Override
    public boolean invalidate(SessionKey key) {
        return GridCalls.call("invalidating a session", () -> map.executeOnKey(key.value(), new Invalidate()));
    }

    /**
     * Each step is idempotent, so each is retried on its own when its member leaves mid-call: the copy is put under
     * a key nobody else knows, and the old key's forwarding record lets a retried retire recognise its own success.
     */
    @Override
    public SessionId changeId(SessionId id) {
        String oldKey = id.key().value();
        SessionId next = rules.newId();
        String newKey = next.key().value();
        for (int attempt = 0; attempt < CHANGE_ID_ATTEMPTS; attempt++) {
            SessionRecord current = GridCalls.call("changing a session id", () -> ownerRecord(oldKey));
            if (current == null) {
                forget(newKey);
                throw new SessionNotFoundException(id.key());
            }
            SessionRecord moved = rules.movedTo(current, newKey);
            recordPrincipal(moved.principal(), newKey);
            GridCalls.call("changing a session id", () -> map.executeOnKey(newKey, new Install(moved)));
            int outcome = GridCalls.call("changing a session id", () -> map.executeOnKey(oldKey,
                    new RetireIfUnchanged(current.version(), newKey)));
            if (outcome == RetireIfUnchanged.RETIRED) {
                return next;
            }
            if (outcome == RetireIfUnchanged.GONE) {
                forget(newKey);
                throw new SessionNotFoundException(id.key());
            }
        }
        forget(newKey);
        throw idChangeGaveUp(id);
    }

    private static SessionGridException idChangeGaveUp(SessionId id) {
        return new SessionGridException("session " + id.key().abbreviated() + " was written on every one of "
                + CHANGE_ID_ATTEMPTS + " attempts to change its id; the id is unchanged, retry");
    }

    private void forget(String key) {
        GridCalls.call("changing a session id", () -> {
            map.delete(key);
            return null;
        });
    }

    @Override
    public Optional<SessionInfo> describe(SessionKey key) {
        Objects.requireNonNull(key, "key");
        return Optional.ofNullable(GridCalls.call("describing a session", () -> ownerRecord(key.value())))
                .map(rules::info);
    }

    /**
     * The sessions whose keys the principal's entry holds, each read back from its owner (never a near-cache copy) and
     * kept if it is live and still the principal's. Keys found otherwise are dropped from the entry once they are
     * older than the index's grace.
     */
    @Override
    public List<SessionInfo> findByPrincipal(String principal) {
        Objects.requireNonNull(principal, "principal");
        Set<String> keys = principals.keys(principal, "finding sessions by principal");
        if (keys.isEmpty()) {
            return List.of();
        }
        long sentAtNanos = System.nanoTime();
        Map<String, Object> answers = GridCalls.call("finding sessions by principal", () ->
                map.executeOnKeys(keys, new ReadIfChanged(ReadIfChanged.NO_COPY)));
        List<SessionInfo> found = new ArrayList<>();
        List<String> stale = new ArrayList<>();
        for (String key : keys) {
            if (answers.get(key) instanceof OwnerCopy live && principal.equals(live.record().principal())
                    && rules.trustsFromOwner(live.record(), sentAtNanos)) {
                found.add(rules.info(live.record()));
            } else {
                stale.add(key);
            }
        }
        principals.dropStale(principal, stale);
        return found;
    }

    @Override
    public int invalidateByPrincipal(String principal) {
        Objects.requireNonNull(principal, "principal");
        Set<String> keys = principals.keys(principal, "invalidating sessions by principal");
        if (keys.isEmpty()) {
            return 0;
        }
        Map<String, Integer> outcomes = GridCalls.call("invalidating sessions by principal", () ->
                map.executeOnKeys(keys, new InvalidateOfPrincipal(principal)));
        List<String> ended = new ArrayList<>();
        List<String> stale = new ArrayList<>();
        int live = 0;
        for (String key : keys) {
            int outcome = outcomes.getOrDefault(key, InvalidateOfPrincipal.LEFT);
            (outcome == InvalidateOfPrincipal.LEFT ? stale : ended).add(key);
            live += outcome == InvalidateOfPrincipal.ENDED ? 1 : 0;
        }
        principals.dropEnded(principal, ended);
        principals.dropStale(principal, stale);
        return live;
    }

    /** The principal a write gives its session, or null if it gives none. */
    private static String givenPrincipal(AttributeDelta delta) {
        return delta.principalChanged() ? delta.principal() : null;
    }

    /**
     * Before a write that gives a session a principal: its key goes into the principal's entry first, so that a lookup
     * never misses the session. An entry grown large is checked in the background, which drops keys of ended sessions.
     */
    private void recordPrincipal(String principal, String key) {
        if (principal != null) {
            checkIfLarge(principal, principals.add(principal, key));
        }
    }

    /** As {@link #recordPrincipal}, without blocking. */
    private CompletionStage<Void> recordPrincipalAsync(String principal, String key) {
        if (principal == null) {
            return CompletableFuture.completedFuture(null);
        }
        return principals.addAsync(principal, key, callbacks).thenAccept(size -> checkIfLarge(principal, size));
    }

    private void checkIfLarge(String principal, int size) {
        if (size <= PrincipalIndex.CHECK_ABOVE) {
            return;
        }
        try {
            queries.execute(() -> {
                try {
                    findByPrincipal(principal);
                } catch (RuntimeException e) {
                    logBestEffortFailure("checking a principal's sessions", principal, e);
                }
            });
        } catch (RejectedExecutionException closed) {
            logBestEffortFailure("checking a principal's sessions", principal, closed);
        }
    }

    @Override
    public long count() {
        return GridCalls.call("counting sessions", map::size);
    }

    @Override
    public SessionLock lock(SessionId id, Duration maxWait) {
        String key = id.key().value();
        SessionLock lock = locks.acquire(id.key(), maxWait, rules.settings().lockLease(), () -> {
            SessionRecord record = GridCalls.call("reading a locked session", () -> ownerRecord(key));
            return record == null ? null : rules.view(id, record);
        }, rules::lockLeaseExpired);
        if (lock == null) {
            throw new SessionNotFoundException(id.key());
        }
        return lock;
    }

    @Override
    public AsyncSessionStore async() {
        return async;
    }

    /**
     * Stops this store's expiry listening, waiting at most {@link #LISTENER_REMOVAL_WAIT} for the grid to confirm;
     * the map and its sessions belong to the grid and live on.
     */
    @Override
    public void close() {
        expiryEvents.close(queries, LISTENER_REMOVAL_WAIT);
        copies.invalidateAll();
        queries.shutdown();
        callbacks.shutdown();
    }

    /**
     * The store's request operations without blocking: the same steps as the blocking forms, each grid call sent
     * with Hazelcast's asynchronous form ({@code submitToKey}, {@code getAsync}) and the next step chained to its
     * answer.
     */
    private final class Async implements AsyncSessionStore {
        @Override
        public SessionId newId() {
            return rules.newId();
        }

        @Override
        public CompletionStage<Session> create(SessionId id, SessionChanges initial) {
            return started(() -> {
                SessionRecord template = rules.newRecord(id, rules.encode(id.key(), initial));
                long writeId = rules.newWriteId();
                return recordPrincipalAsync(template.principal(), template.key()).thenCompose(recorded ->
                        GridCalls.async("creating a session", callbacks, () -> map.submitToKey(template.key(),
                        new Create(template, writeId)))).thenApply(createdAt -> {
                            if (createdAt == Create.TAKEN) {
                                throw new SessionGridException("session id " + id.key().abbreviated() + " is taken;"
                                        + " a new session's id must come from newId()");
                            }
                            return rules.view(id, template.startingAt(createdAt, writeId));
                        });
            });
        }

        @Override
        public CompletionStage<Optional<Session>> find(SessionId id) {
            String key = id.key().value();
            return started(() -> readAsync(key).thenCompose(copy -> onlyTheOwnerCanTell(copy)
                    ? validatedReadAsync(key, ReadIfChanged.NO_COPY).thenApply(answer -> fromOwner(id, answer,
                            HazelcastSessionStore.this::evictLater))
                    : CompletableFuture.completedFuture(served(id, copy.record, copy.confirmedLive))));
        }

        @Override
        public CompletionStage<Long> apply(SessionId id, SessionChanges changes) {
            SessionKey sessionKey = id.key();
            return started(() -> {
                AttributeDelta delta = rules.encode(sessionKey, changes);
                SessionRecord base = localCopy(sessionKey.value());
                long writeId = rules.newWriteId();
                String principal = givenPrincipal(delta);
                CompletionStage<Long> result = principal == null ? write(sessionKey, delta, base, writeId)
                        : recordPrincipalAsync(principal, sessionKey.value())
                        .thenCompose(recorded -> write(sessionKey, delta, base, writeId));
                return result.thenApply(r -> applied(sessionKey, delta, base, writeId, r));
            });
        }

        private CompletionStage<Long> write(SessionKey sessionKey, AttributeDelta delta, SessionRecord base, long writeId) {
            return rules.seals() ? applySealed(sessionKey, delta, base)
                    : onOwner(sessionKey, new ApplyDelta(delta, writeId, rules.settings().maxSessionBytes()));
        }

        private CompletionStage<Long> onOwner(SessionKey sessionKey, ApplyDelta write) {
            return GridCalls.async("applying session changes", callbacks,
                    () -> map.submitToKey(sessionKey.value(), write));
        }

        private CompletionStage<Long> applySealed(SessionKey sessionKey, AttributeDelta delta, SessionRecord copy) {
            String key = sessionKey.value();
            CompletionStage<SessionRecord> first = copy != null || validated ? CompletableFuture.completedFuture(copy)
                    : GridCalls.async("applying session changes", callbacks, () -> map.getAsync(key));
            return first.thenCompose(base -> base != null && !validated && !rules.trusts(base)
                    ? CompletableFuture.completedFuture(ApplyDelta.NOT_FOUND) : sealedAttempt(sessionKey, delta, base, 0));
        }

        private CompletionStage<Long> sealedAttempt(SessionKey sessionKey, AttributeDelta delta, SessionRecord known,
                                                    int attempt) {
            if (attempt == SEALED_WRITE_ATTEMPTS) {
                return CompletableFuture.failedFuture(sealedWriteGaveUp(sessionKey));
            }
            String key = sessionKey.value();
            CompletionStage<SessionRecord> base = known != null ? CompletableFuture.completedFuture(known)
                    : ownerRecord(key);
            return base.thenCompose(b -> {
                if (b == null) {
                    return CompletableFuture.completedFuture(ApplyDelta.NOT_FOUND);
                }
                SealedWrite write = sealedOver(b, delta);
                return onOwner(sessionKey, write.processor()).thenCompose(result -> landed(key, b, delta, write, result)
                        ? CompletableFuture.completedFuture(result) : sealedAttempt(sessionKey, delta, null, attempt + 1));
            });
        }

        private CompletionStage<SessionRecord> ownerRecord(String key) {
            return validatedReadAsync(key, ReadIfChanged.NO_COPY)
                    .thenApply(answer -> answer instanceof OwnerCopy live ? live.record() : null);
        }

        @Override
        public CompletionStage<Boolean> invalidate(SessionId id) {
            return invalidate(id.key());
        }

        @Override
        public CompletionStage<Boolean> invalidate(SessionKey key) {
            return GridCalls.async("invalidating a session", callbacks,
                    () -> map.submitToKey(key.value(), new Invalidate()));
        }

        @Override
        public CompletionStage<Void> changeId(SessionId id, SessionId next) {
            return started(() -> changeId(id, next, 0));
        }

        private CompletionStage<Void> changeId(SessionId id, SessionId next, int attempt) {
            String oldKey = id.key().value();
            String newKey = next.key().value();
            if (attempt == CHANGE_ID_ATTEMPTS) {
                return forget(newKey, idChangeGaveUp(id));
            }
            return ownerRecord(oldKey).thenCompose(current -> {
                if (current == null) {
                    return forget(newKey, new SessionNotFoundException(id.key()));
                }
                SessionRecord moved = rules.movedTo(current, newKey);
                return recordPrincipalAsync(moved.principal(), newKey)
                        .thenCompose(recorded -> GridCalls.async("changing a session id", callbacks,
                                () -> map.submitToKey(newKey, new Install(moved))))
                        .thenCompose(installed -> GridCalls.async("changing a session id", callbacks,
                                () -> map.submitToKey(oldKey, new RetireIfUnchanged(current.version(), newKey))))
                        .thenCompose(outcome -> outcome == RetireIfUnchanged.RETIRED
                                ? CompletableFuture.<Void>completedFuture(null)
                                : outcome == RetireIfUnchanged.GONE
                                ? forget(newKey, new SessionNotFoundException(id.key()))
                                : changeId(id, next, attempt + 1));
            });
        }

        /** Removes a copy the id change put under its new key, then fails with the reason. */
        private CompletionStage<Void> forget(String key, RuntimeException reason) {
            return GridCalls.async("changing a session id", callbacks, () -> map.deleteAsync(key))
                    .thenCompose(deleted -> CompletableFuture.failedFuture(reason));
        }

        @Override
        public CompletionStage<List<SessionInfo>> findByPrincipal(String principal) {
            Objects.requireNonNull(principal, "principal");
            return CompletableFuture.supplyAsync(() -> HazelcastSessionStore.this.findByPrincipal(principal), queries);
        }
    }

    /** A stage of the work, or a failed stage if the work failed before its first grid call (a refused value). */
    private static <T> CompletionStage<T> started(Supplier<CompletionStage<T>> work) {
        try {
            return work.get();
        } catch (RuntimeException refused) {
            return CompletableFuture.failedFuture(refused);
        }
    }
}
