package io.sessiongrid.client.api;

/**
 * Told when a session ends by expiry (never for {@link SessionStore#invalidate}). Each expiry is delivered once
 * across all the stores on one map that registered a listener, on one of them, when the owner removes the entry
 * (within seconds of the expiry). Called on a grid event thread: return quickly.
 *
 * <p>The grid never holds session ids, only their keys: the {@code id()} of the session handed here is an id
 * whose {@link SessionId#value() value} is the session's {@link SessionKey key}.
 */
@FunctionalInterface
public interface SessionExpiryListener {
    void expired(Session session);
}
