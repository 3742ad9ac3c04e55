package io.sessiongrid.node.config;

/** The node's configuration is invalid; the message names the key, the bad value and the fix. */
public final class NodeConfigException extends RuntimeException {
    public NodeConfigException(String message) {
        super(message);
    }

    public NodeConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
