package io.sessiongrid.client.hazelcast;

import com.hazelcast.map.IMap;
import io.sessiongrid.client.api.Session;
import io.sessiongrid.client.api.SessionGridException;
import io.sessiongrid.client.api.SessionKey;
import io.sessiongrid.client.api.SessionLock;
import io.sessiongrid.client.api.SessionLockTimeoutException;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Session locks as leased tokens in a side map: a lock is held while the map holds the holder's random token under
 * the session key, and ends when the holder removes exactly that token or the entry's time-to-live (the lease)
 * runs out. Unlike Hazelcast's own map locks, a token is not owned by a thread, so an asynchronous request may
 * release its lock from the thread that completes it, and a holder that outlived its lease finds out when it
 * releases. Waiters of this JVM queue locally ({@link LocalTurns}); the head of the queue polls the grid with a
 * growing pause. Thread safe.
 */
final class GridLocks {
    private static final System.Logger LOG = System.getLogger(GridLocks.class.getName());
    private static final long FIRST_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long LONGEST_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(16);

    private final IMap<String, Long> locks;
    private final LocalTurns turns = new LocalTurns();
    private final SplittableRandom seeds = new SplittableRandom();

    GridLocks(IMap<String, Long> locks) {
        this.locks = locks;
    }

    /**
     * Takes the lock of {@code key}, then reads the session with {@code readLocked}; a null read releases the lock
     * again and is returned as null.
     *
     * @param onOverrun told when a holder releases after its lease ran out
     * @throws SessionLockTimeoutException if the lock was not acquired within maxWait
     */
    SessionLock acquire(SessionKey key, Duration maxWait, Duration lease, Supplier<Session> readLocked,
                        Runnable onOverrun) {
        long started = System.nanoTime();
        long deadline = started + maxWait.toNanos();
        LocalTurns.Turn turn;
        try {
            // Queue here no longer than a lease: a holder of this JVM that outlives its lease has lost the lock on
            // the grid, and must not keep this JVM's waiters from it.
            turn = turns.await(key.value(), Math.min(maxWait.toNanos(), lease.toNanos()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SessionGridException("interrupted while waiting for the lock of session " + key.abbreviated(), e);
        }
        if (turn == null && System.nanoTime() - deadline >= 0) {
            throw new SessionLockTimeoutException(key, maxWait);
        }
        try {
            long token = nextToken();
            long leaseMillis = lease.toMillis();
            if (!takeGridLock(key, token, leaseMillis, deadline)) {
                throw new SessionLockTimeoutException(key, maxWait);
            }
            Held held = new Held(key, token, System.nanoTime(), leaseMillis, turn, onOverrun);
            Session session;
            try {
                session = readLocked.get();
            } catch (RuntimeException e) {
                held.release();
                throw e;
            }
            if (session == null) {
                held.release();
                return null;
            }
            held.session = session;
            return held;
        } catch (RuntimeException e) {
            if (turn != null) {
                turn.end();
            }
            throw e;
        }
    }

    private synchronized long nextToken() {
        long token;
        do {
            token = seeds.nextLong();
        } while (token == 0);
        return token;
    }

    private boolean takeGridLock(SessionKey key, long token, long leaseMillis, long deadline) {
        long ttlSeconds = leaseSeconds(leaseMillis);
        long pause = FIRST_PAUSE_NANOS;
        while (true) {
            // Idempotent, so a retry after a lost answer finds its own token and knows it holds the lock.
            Long holder = GridCalls.call("locking a session", () -> locks.putIfAbsent(key.value(), token, ttlSeconds,
                    TimeUnit.SECONDS));
            if (holder == null || holder == token) {
                return true;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            LockSupport.parkNanos(Math.min(pause, left));
            if (Thread.currentThread().isInterrupted()) {
                throw new SessionGridException("interrupted while waiting for the lock of session "
                        + key.abbreviated(), null);
            }
            pause = Math.min(pause * 2, LONGEST_PAUSE_NANOS);
        }
    }

    /**
     * Hazelcast keeps entry lifetimes in whole seconds and may end one up to a second early, so the lease is rounded
     * up and a second added: a live holder never loses its lock before the configured lease.
     */
    static long leaseSeconds(long leaseMillis) {
        return (leaseMillis + 999) / 1000 + 1;
    }

    private final class Held implements SessionLock {
        private final SessionKey key;
        private final long token;
        private final long takenAt;
        private final long leaseMillis;
        /** Null when the wait in this JVM's queue outlasted a lease and went to the grid directly. */
        private final LocalTurns.Turn turn;
        private final Runnable onOverrun;
        private Session session;
        private Boolean released;

        Held(SessionKey key, long token, long takenAt, long leaseMillis, LocalTurns.Turn turn, Runnable onOverrun) {
            this.key = key;
            this.token = token;
            this.takenAt = takenAt;
            this.leaseMillis = leaseMillis;
            this.turn = turn;
            this.onOverrun = onOverrun;
        }

        @Override
        public Session session() {
            return session;
        }

        @Override
        public synchronized boolean release() {
            if (released != null) {
                return released;
            }
            boolean removed;
            try {
                removed = GridCalls.callOnce("unlocking a session", () -> locks.remove(key.value(), token));
            } catch (RuntimeException unreachable) {
                // The lease ends the lock on the grid; this JVM's queue must move on now.
                LOG.log(System.Logger.Level.WARNING, "the lock of session {0} could not be released ({1}); its"
                        + " lease ends it", key.abbreviated(), unreachable.toString());
                removed = true;
            } finally {
                if (turn != null) {
                    turn.end();
                }
            }
            boolean inTime = removed && System.nanoTime() - takenAt <= TimeUnit.MILLISECONDS.toNanos(leaseMillis);
            if (!inTime) {
                LOG.log(System.Logger.Level.WARNING, "locked work on session {0} outlived the lease of its lock ({1} ms),"
                        + " so other locked work may have overlapped it; raise session.lock-lease above the longest"
                        + " locked request", key.abbreviated(), leaseMillis);
                onOverrun.run();
            }
            released = inTime;
            return inTime;
        }
    }
}
