package io.sessiongrid.client.hazelcast;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.map.EntryProcessor;
import io.sessiongrid.client.core.SessionRecord;

import java.util.Map;

/**
 * An entry processor of the session map whose runs are reported to the member's {@link EntryProcessorTimings},
 * when it has one. Hazelcast offers no per-processor timing of its own; the member injects itself into each
 * processor it deserializes, which is how the processor finds the member's timings.
 */
abstract class TimedProcessor<R> implements EntryProcessor<String, SessionRecord, R>, HazelcastInstanceAware {
    private transient EntryProcessorTimings timings;

    @Override
    public final void setHazelcastInstance(HazelcastInstance member) {
        timings = member.getUserContext().get(EntryProcessorTimings.USER_CONTEXT_KEY)
                instanceof EntryProcessorTimings found ? found : null;
    }

    @Override
    public final R process(Map.Entry<String, SessionRecord> entry) {
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

    /** The processor's work on one entry: the same on the owner and on each backup. */
    abstract R apply(Map.Entry<String, SessionRecord> entry);
}
