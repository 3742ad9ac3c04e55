package io.sessiongrid.client.api;

/**
 * Hears of a store's own work, for metrics. Called on the thread that did the work, after it; implementations
 * must be thread safe and fast. What an observer throws is caught and ignored, so it cannot fail a request.
 */
public interface StoreObserver {
    /** A write was encoded: this many bytes of attribute values go to the grid (removals cost none). */
    default void changesEncoded(int valueBytes) {
    }

    /** A stored value could not be decoded: its class is not allowed or missing, or its bytes are damaged. */
    default void decodeFailed(String attribute) {
    }

    /**
     * Locked work outlived its lock's lease ({@code session.lock-lease}): when it released the lock, the lease had
     * run out, so other locked work on that session may have overlapped it.
     */
    default void lockLeaseExpired() {
    }

    /**
     * A record read from the grid failed its seal (encryption is on, and it was made up or altered by something
     * without the keys, or rolled back), so it was treated as no session.
     *
     * @param keyPrefix the first characters of the session's key, for a log line
     */
    default void recordRefused(String keyPrefix) {
    }
}
