package io.sessiongrid.client.hazelcast;

/** How a member finds the others. */
public enum JoinMode {
    /** A fixed list of member addresses; the default, and the one that works everywhere. */
    TCP_IP,
    /** IP multicast on the local network; for development networks that allow it. */
    MULTICAST,
    /** The pods behind a Kubernetes headless service, found through its DNS name. */
    KUBERNETES
}
