package io.sessiongrid.client.hazelcast;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.map.EntryProcessor;

import java.util.Map;

/**
 * An entry processor of a session grid's maps (the session map, the principal map). It decides time on the owner: {@link #ownerNow()} is read from the
 * owner's clock on first use, never taken from the caller, so an application instance whose clock is off can
 * neither end nor prolong a session; the backups run the same processor with the owner's time fixed, so replicas
 * reach the same record. Runs are reported to the member's {@link EntryProcessorTimings}, when it has one
 * (Hazelcast offers no per-processor timing of its own; the member injects itself into each processor it
 * deserializes, which is how the processor finds the member's timings).
 */
abstract class TimedProcessor<V, R> implements EntryProcessor<String, V, R>, HazelcastInstanceAware {
    private transient EntryProcessorTimings timings;
    private transient ProcessorRuns runs;
    private transient boolean primary;
    /** The owner's time of this run, or 0 until the owner decides it. */
    private long now;

    /** @param now 0 on the caller's side; the owner's time when a backup copy is read */
    TimedProcessor(long now) {
        this.now = now;
    }

    /** The owner's time for this run: the same for every entry it processes and on every backup. */
    final long ownerNow() {
        if (now == 0) {
            now = System.currentTimeMillis();
        }
        return now;
    }

    /** What the serializer writes: 0 before the owner ran the processor, the owner's time after. */
    final long fixedNow() {
        return now;
    }

    @Override
    public final void setHazelcastInstance(HazelcastInstance member) {
        timings = member.getUserContext().get(EntryProcessorTimings.USER_CONTEXT_KEY)
                instanceof EntryProcessorTimings found ? found : null;
        runs = ProcessorRuns.of(member);
        joined(member);
    }

    /** What a processor takes from the member it runs on, after the member injected itself; nothing by default. */
    void joined(HazelcastInstance member) {
    }

    /** Whether this run is the owner's (a backup's copy arrives with the owner's time already fixed). */
    final boolean isPrimaryRun() {
        return primary;
    }

    @Override
    public final R process(Map.Entry<String, V> entry) {
        primary = now == 0;
        ProcessorRuns counted = runs;
        if (counted != null && primary) {
            counted.ran(getClass().getSimpleName());
        }
        EntryProcessorTimings observer = timings;
        if (observer == null) {
            return apply(entry);
        }
        long started = System.nanoTime();
        try {
            return apply(entry);
        } finally {
            observer.record(getClass().getSimpleName(), System.nanoTime() - started);
        }
    }

    /**
     * This processor, sent to the backups after it ran on the owner, so it carries the owner's time. Hazelcast asks
     * for it once the primary run is done.
     */
    @Override
    public EntryProcessor<String, V, R> getBackupProcessor() {
        ownerNow();
        return this;
    }

    /** The processor's work on one entry: the same on the owner and on each backup. */
    abstract R apply(Map.Entry<String, V> entry);
}
