package io.sessiongrid.node.config;

import io.sessiongrid.client.hazelcast.MemberSettings;

import java.time.Duration;
import java.util.Optional;
import java.util.logging.Level;

/**
 * A validated grid-node configuration: the member's settings and the node's own. Immutable.
 *
 * @param httpPort port of the health endpoints on the member's host, or 0 when they are off
 * @param drainDelay how long the node reports not ready after SIGTERM before it starts handing over partitions
 * @param persistence the durable copy of the session maps; empty when {@code persistence.mode} is off
 */
public record NodeConfig(MemberSettings member, Level loggingLevel, int httpPort, Duration drainDelay,
                         Optional<PersistenceSettings> persistence) {
    public NodeConfig(MemberSettings member, Level loggingLevel, int httpPort, Duration drainDelay) {
        this(member, loggingLevel, httpPort, drainDelay, Optional.empty());
    }
}
