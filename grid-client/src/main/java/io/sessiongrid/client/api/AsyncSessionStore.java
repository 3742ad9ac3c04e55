package io.sessiongrid.client.api;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The store's operations that a request needs, in a form that never blocks the calling thread: for event-loop
 * servers (Spring WebFlux, Reactor Netty). Each call sends its grid operation and returns at once; the stage
 * completes when the owner answered. The guarantees are {@link SessionStore}'s: each write is one atomic step on
 * the session's owner, reads come from the near cache as the {@link ReadMode} allows, and failures are the same
 * typed errors, delivered through the stage rather than thrown. Thread safe.
 *
 * <p>Stages complete on the calling thread when a local copy answered, otherwise on a thread of the store's own,
 * never on one of the grid's I/O or partition threads: dependent work may continue there, including the next store
 * call, but must not block it. {@link #findByPrincipal} runs its query on a thread of the store's own too: Hazelcast
 * has no asynchronous query.
 */
public interface AsyncSessionStore {

    /**
     * A new, unused session id from the configured generator. Nothing is stored: an event-loop server hands it to
     * a session that is written only if the request puts something in it ({@link #create}).
     */
    SessionId newId();

    /**
     * Stores a new session under an id from {@link #newId()} (never one a client presented: that would be session
     * fixation) holding the given changes; the owner's clock sets its creation and access times.
     *
     * <p>The stage fails with {@link SessionGridException} if the id is taken.
     */
    CompletionStage<Session> create(SessionId id, SessionChanges initial);

    /** As {@link SessionStore#find}; a read counts as an access. */
    CompletionStage<Optional<Session>> find(SessionId id);

    /**
     * As {@link SessionStore#apply(SessionId, SessionChanges)}: the stage holds the session's new version or fails
     * with {@link SessionNotFoundException} or {@link SessionTooLargeException}; an attribute refused before any
     * grid call fails it with {@link AttributeRejectedException}.
     */
    CompletionStage<Long> apply(SessionId id, SessionChanges changes);

    /** As {@link SessionStore#invalidate(SessionId)}: false if the session was not live. */
    CompletionStage<Boolean> invalidate(SessionId id);

    /** As {@link SessionStore#invalidate(SessionKey)}, for a session known by its key. */
    CompletionStage<Boolean> invalidate(SessionKey key);

    /**
     * As {@link SessionStore#changeId}, moving the session to {@code next} (from {@link #newId()}): when the stage
     * completes the old id is dead on every instance. Fails with {@link SessionNotFoundException} if the session is
     * not live.
     */
    CompletionStage<Void> changeId(SessionId id, SessionId next);

    /** As {@link SessionStore#findByPrincipal}. */
    CompletionStage<List<SessionInfo>> findByPrincipal(String principal);
}
