package io.sessiongrid.client.api;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where sessions live. Every write is one atomic step on the session's owner: concurrent changes to distinct
 * attributes, from any number of threads and JVMs, are all kept; a change is applied whole or not at all.
 * Reads return immutable snapshots. Implementations are thread safe.
 *
 * <p>Errors: {@link MalformedSessionIdException} never reaches the store (ids are checked when parsed);
 * {@link AttributeRejectedException} is raised before any grid call; {@link SessionNotFoundException},
 * {@link SessionTooLargeException} and {@link SessionLockTimeoutException} leave the session as it was;
 * {@link GridUnavailableException} means the grid did not answer within the configured timeout.
 */
public interface SessionStore extends AutoCloseable {

    /** Creates a session with a new id and the configured idle limit. */
    Session create();

    /** Creates a session with a new id holding the given changes from the start. */
    Session create(SessionChanges initial);

    /**
     * Reads a live session; a read counts as an access. Reads are served from the near cache as the
     * {@link ReadMode} allows; a session read only from the near cache is kept alive by a touch sent to the
     * owner at most once per touch interval. An expired session is never returned, even from a local copy.
     */
    Optional<Session> find(SessionId id);

    /**
     * Applies the changes atomically on the owner.
     *
     * @return the session's new version
     * @throws SessionNotFoundException if the session is not live
     * @throws SessionTooLargeException if the result would be over the session size limit
     */
    default long apply(SessionId id, SessionChanges changes) {
        return apply(id.key(), changes);
    }

    /**
     * As {@link #apply(SessionId, SessionChanges)}, addressed by the session's key: for trusted code that knows a
     * session only by its key, as operators and a cluster-wide session registry do (marking a session that another
     * login of the same user ended).
     */
    long apply(SessionKey key, SessionChanges changes);

    /** Records an access now. @return false if the session is not live */
    boolean touch(SessionId id);

    /** Ends the session on every member and near cache. @return false if it was not live */
    boolean invalidate(SessionId id);

    /** Ends the session with this key (for operators, who see keys, never ids). */
    boolean invalidate(SessionKey key);

    /**
     * Moves the session to a new id, keeping everything in it. The old id stops working in one atomic step on
     * its owner: a change through the old id that completed before that step is carried over; one after it fails
     * with {@link SessionNotFoundException}. No change is silently lost.
     *
     * @throws SessionNotFoundException if the session is not live
     */
    SessionId changeId(SessionId id);

    /**
     * What an operator may see of one live session, read from its owner. Not an access: the session's idle
     * clock does not move.
     */
    Optional<SessionInfo> describe(SessionKey key);

    /** The live sessions of a principal, found through the grid's index. */
    List<SessionInfo> findByPrincipal(String principal);

    /** Ends every live session of a principal. @return how many ended */
    int invalidateByPrincipal(String principal);

    /** Sessions stored, counted on the owners; may include sessions expired moments ago. */
    long count();

    /**
     * Takes the session's lock, so that locked units of work on one session run one at a time across the cluster.
     * Unlocked reads and writes of the session are not held up by it (their changes still apply atomically). The
     * session the lock hands out is read from the owner after the lock was taken. Release it when the work ends,
     * from any thread; if this JVM dies, the lease releases it.
     *
     * @throws SessionLockTimeoutException if the lock was not acquired within maxWait
     * @throws SessionNotFoundException if the session is not live (no lock is held then)
     */
    SessionLock lock(SessionId id, Duration maxWait);

    /**
     * Runs work while holding the session's lock ({@link #lock}), and releases it when the work ends.
     *
     * @throws SessionLockTimeoutException if the lock was not acquired within maxWait; the work did not run
     * @throws SessionNotFoundException if the session is not live
     */
    default <T> T withLock(SessionId id, Duration maxWait, Function<Session, T> work) {
        try (SessionLock lock = lock(id, maxWait)) {
            return work.apply(lock.session());
        }
    }

    /**
     * The same store's operations in a form that never blocks the calling thread, for event-loop servers; see
     * {@link AsyncSessionStore}. Sessions and ids are shared: a session created through one form is found through
     * the other.
     */
    AsyncSessionStore async();

    /** Registers a listener for sessions that end by expiry; see {@link SessionExpiryListener} for delivery. */
    void addExpiryListener(SessionExpiryListener listener);

    /** Registers an observer of the store's work (encoded write sizes, decode failures), for metrics. */
    void addObserver(StoreObserver observer);

    /** Releases what the store holds; the grid and its sessions live on. */
    @Override
    void close();
}
