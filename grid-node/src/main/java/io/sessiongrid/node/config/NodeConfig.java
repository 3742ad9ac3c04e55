package io.sessiongrid.node.config;

import io.sessiongrid.client.hazelcast.MemberSettings;

import java.util.logging.Level;

/** A validated grid-node configuration: the member's settings and the node's own. Immutable. */
public record NodeConfig(MemberSettings member, Level loggingLevel) {
}
