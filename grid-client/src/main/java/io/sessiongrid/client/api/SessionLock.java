package io.sessiongrid.client.api;

/**
 * A session's lock, held: locked units of work on one session run one at a time across the cluster while it is
 * held. It belongs to the work, not to a thread, so it may be released from another thread than the one that took
 * it (an asynchronous request completes elsewhere). The lock ends when it is released or when its lease
 * ({@code session.lock-lease}) runs out, whichever comes first; a holder that dies is released by the lease.
 * Thread safe; releasing twice is harmless.
 */
public interface SessionLock extends AutoCloseable {
    /** The session as its owner held it after the lock was taken. */
    Session session();

    /**
     * Releases the lock.
     *
     * @return true if the lock was still held; false if its lease had run out first, so other locked work may
     *         have run on the session meanwhile. Such an overrun is also reported to the store's observers
     *         ({@link StoreObserver#lockLeaseExpired}). A second call returns what the first did.
     */
    boolean release();

    /** Same as {@link #release()}. */
    @Override
    default void close() {
        release();
    }
}
