package io.sessiongrid.node.config;

import io.sessiongrid.client.hazelcast.MemberSettings;

import java.util.logging.Level;

/**
 * A validated grid-node configuration: the member's settings and the node's own. Immutable.
 *
 * @param httpPort port of the health endpoints on the member's host, or 0 when they are off
 */
public record NodeConfig(MemberSettings member, Level loggingLevel, int httpPort) {
}
