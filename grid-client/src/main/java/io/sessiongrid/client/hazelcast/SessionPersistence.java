package io.sessiongrid.client.hazelcast;

import java.time.Duration;
import java.util.Objects;

/**
 * How members keep a durable copy of the session maps, so that a restart of the whole cluster keeps every session.
 * Immutable.
 *
 * <ul>
 *   <li>Write-through ({@code writeDelay} zero): a write is answered only once its row is written; when the database
 *       refuses it, the write fails and the session in the grid stays as it was.</li>
 *   <li>Write-behind ({@code writeDelay} of a second or more): rows are written in batches at most {@code writeDelay} after the write,
 *       one pending row per session (a later write replaces the pending one); the grid keeps serving while the
 *       database is away and catches up when it returns. What a crash of every member loses is at most the delay.</li>
 * </ul>
 * Loading: {@code eagerLoad} loads every live session when a member first opens a session map; otherwise each one is
 * loaded when it is first asked for (queries by principal and expiry events then see only loaded sessions). Either
 * way a session comes back with its own times, so its remaining idle time and lifetime are what they were, less the
 * time the grid was down; rows of sessions that expired are never loaded.
 *
 * @param writeDelay     zero for write-through; else the write-behind delay, whole seconds
 * @param writeBatchSize write-behind: rows written in one batch
 */
public record SessionPersistence(SessionRows rows, Duration writeDelay, int writeBatchSize, boolean eagerLoad) {
    public SessionPersistence {
        Objects.requireNonNull(rows, "rows");
        if (writeDelay == null || writeDelay.isNegative() || writeDelay.toMillis() % 1000 != 0
                || writeDelay.toSeconds() > 3600) {
            throw new IllegalArgumentException("persistence.write-delay must be whole seconds from 0s to 1h, got "
                    + writeDelay);
        }
        if (writeBatchSize < 1 || writeBatchSize > 100_000) {
            throw new IllegalArgumentException("persistence.write-batch-size must be 1-100000, got " + writeBatchSize);
        }
    }

    public boolean isWriteThrough() {
        return writeDelay.isZero();
    }
}
