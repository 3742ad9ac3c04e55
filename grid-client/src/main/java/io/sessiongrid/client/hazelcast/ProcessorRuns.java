package io.sessiongrid.client.hazelcast;

import com.hazelcast.core.HazelcastInstance;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * How often each of the grid's entry processors ran as primary on one member, across its session maps (a
 * processor does not know its map). Kept in the member's user context, so every member has one from the first
 * processor it runs; {@code gridctl metrics} reads it. Thread safe.
 */
final class ProcessorRuns {
    static final String USER_CONTEXT_KEY = "io.sessiongrid.processor-runs";

    private final ConcurrentHashMap<String, LongAdder> runs = new ConcurrentHashMap<>();

    static ProcessorRuns of(HazelcastInstance member) {
        return (ProcessorRuns) member.getUserContext().computeIfAbsent(USER_CONTEXT_KEY, k -> new ProcessorRuns());
    }

    void ran(String processor) {
        runs.computeIfAbsent(processor, p -> new LongAdder()).increment();
    }

    long of(String processor) {
        LongAdder n = runs.get(processor);
        return n == null ? 0 : n.sum();
    }
}
