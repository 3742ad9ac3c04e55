package io.sessiongrid.client.hazelcast;

/**
 * Receives how long each of the grid's entry processors ran on a member. A member that holds one in its user
 * context under {@link #USER_CONTEXT_KEY} has every run reported, on the primary and on each backup replica,
 * from Hazelcast's partition threads: implementations must be thread safe and must not block.
 */
public interface EntryProcessorTimings {
    String USER_CONTEXT_KEY = "io.sessiongrid.entry-processor-timings";

    /**
     * @param processor the processor's name, such as {@code ApplyDelta}
     * @param nanos     how long it ran on this member
     */
    void record(String processor, long nanos);
}
