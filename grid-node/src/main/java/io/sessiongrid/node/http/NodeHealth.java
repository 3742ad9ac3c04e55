package io.sessiongrid.node.http;

/** What the health endpoints ask of a node. Implementations are thread safe. */
public interface NodeHealth {
    /** Whether the member is running at all (liveness). */
    boolean isRunning();

    /** Why the node should get no work now, or {@code null} when it is ready. */
    String notReadyReason();
}
