package io.sessiongrid.client.hazelcast;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * One turn at a time per key within this JVM, first come first served. Threads of one JVM that want the same
 * session's grid lock queue here, so that only the one at the head of the queue asks the grid: waiting costs the
 * grid one poller per JVM, not one per request. A turn is not tied to a thread. Thread safe.
 */
final class LocalTurns {
    private final ConcurrentHashMap<String, Queue> queues = new ConcurrentHashMap<>();

    /**
     * @return the turn, to be ended exactly once with {@link Turn#end()}, or null if it did not come within the wait
     */
    Turn await(String key, long waitNanos) throws InterruptedException {
        Queue queue = queues.compute(key, (k, q) -> {
            Queue joined = q == null ? new Queue() : q;
            joined.members++;
            return joined;
        });
        boolean got = false;
        try {
            got = queue.semaphore.tryAcquire(Math.max(0, waitNanos), TimeUnit.NANOSECONDS);
        } finally {
            if (!got) {
                leave(key);
            }
        }
        return got ? new Turn(this, key, queue) : null;
    }

    private void leave(String key) {
        queues.computeIfPresent(key, (k, q) -> --q.members == 0 ? null : q);
    }

    /** How many keys have someone holding or awaiting a turn; for tests. */
    int keys() {
        return queues.size();
    }

    /** A turn held; {@link #end()} lets the next in line go. */
    static final class Turn {
        private final LocalTurns owner;
        private final String key;
        private final Queue queue;
        private boolean ended;

        private Turn(LocalTurns owner, String key, Queue queue) {
            this.owner = owner;
            this.key = key;
            this.queue = queue;
        }

        synchronized void end() {
            if (!ended) {
                ended = true;
                queue.semaphore.release();
                owner.leave(key);
            }
        }
    }

    private static final class Queue {
        final Semaphore semaphore = new Semaphore(1, true);
        /** Guarded by the map's per-key compute. */
        int members;
    }
}
