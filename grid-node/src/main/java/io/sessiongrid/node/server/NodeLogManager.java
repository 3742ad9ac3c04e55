package io.sessiongrid.node.server;

import java.util.logging.LogManager;

/**
 * A LogManager that survives JVM shutdown. The JDK's own shutdown hook resets logging while the node's hook is
 * still shutting the member down, which silently drops every line of the graceful shutdown (the node's and
 * Hazelcast's). Installed with {@code -Djava.util.logging.manager} or by {@link GridNodeMain} before any logging.
 */
public final class NodeLogManager extends LogManager {
    @Override
    public void reset() {
        // Only the node resets logging, through resetNow(), when it installs its handler.
    }

    void resetNow() {
        super.reset();
    }
}
