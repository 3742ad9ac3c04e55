package io.sessiongrid.client.local;

import io.sessiongrid.client.api.SessionGridException;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Leased session locks in one JVM, with the grid's semantics: a lock is a token, not owned by a thread; it ends when
 * its holder releases it or when its lease runs out, and then the next waiter takes it. Leases run on
 * {@link System#nanoTime()}, not on the store's settable clock, since they bound real elapsed work. Thread safe.
 */
final class InProcessLocks {
    private final Map<String, Holder> held = new HashMap<>();
    private final AtomicLong tokens = new AtomicLong();

    /** @return the holder's token, never 0; or 0 if the lock was not acquired within the wait */
    synchronized long acquire(String key, Duration maxWait, Duration lease) {
        long deadline = System.nanoTime() + maxWait.toNanos();
        while (true) {
            long now = System.nanoTime();
            Holder holder = held.get(key);
            if (holder == null || holder.leaseEnds - now <= 0) {
                long token = tokens.incrementAndGet();
                held.put(key, new Holder(token, now + lease.toNanos()));
                return token;
            }
            long wait = Math.min(deadline - now, holder.leaseEnds - now);
            if (deadline - now <= 0) {
                return 0;
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, Math.max(1, wait));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SessionGridException("interrupted while waiting for a session lock", e);
            }
        }
    }

    /** @return whether the token still held the lock within its lease */
    synchronized boolean release(String key, long token) {
        Holder holder = held.get(key);
        if (holder == null || holder.token != token) {
            return false;
        }
        held.remove(key);
        notifyAll();
        return holder.leaseEnds - System.nanoTime() > 0;
    }

    private record Holder(long token, long leaseEnds) {
    }
}
