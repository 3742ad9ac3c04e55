package io.sessiongrid.client.api;

/**
 * Issues new session ids. Implementations must be thread safe and unpredictable: an attacker who has seen any
 * number of ids must not be able to guess another.
 */
@FunctionalInterface
public interface SessionIdGenerator {
    SessionId next();
}
