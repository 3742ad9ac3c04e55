package io.sessiongrid.client.api;

/**
 * The session does not exist: it was never created, has expired, was invalidated, or its id was changed.
 * Nothing was written.
 */
public final class SessionNotFoundException extends SessionGridException {
    public SessionNotFoundException(SessionKey key) {
        super("no live session with key " + key.abbreviated()
                + " (never created, expired, invalidated or its id was changed); start a new session");
    }
}
