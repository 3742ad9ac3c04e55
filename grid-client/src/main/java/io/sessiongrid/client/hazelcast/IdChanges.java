package io.sessiongrid.client.hazelcast;

/**
 * Receives, on the member that owns a session's old key, each id change that retired that key: once per id change,
 * on the primary run only (a retried retire that finds its own forwarding record is not reported again, nor is the
 * backup's run). A member that holds one in its user context under {@link #USER_CONTEXT_KEY} has every such change
 * reported, from Hazelcast's partition threads: implementations must be thread safe and must not block. It spares a
 * member the map event of every session write that it would otherwise have to watch to see an id change.
 */
public interface IdChanges {
    String USER_CONTEXT_KEY = "io.sessiongrid.id-changes";

    /** A session left its old key for a new one; the old key now holds a forwarding record. */
    void retired();
}
