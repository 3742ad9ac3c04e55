package io.sessiongrid.client.api;

/**
 * A change would take the whole session over {@link StoreSettings#maxSessionBytes()}. Checked on the
 * partition owner in the same atomic step as the write, so the session keeps every value it had.
 */
public final class SessionTooLargeException extends SessionGridException {
    public SessionTooLargeException(SessionKey key, long limit) {
        super("session " + key.abbreviated() + " would exceed the " + limit
                + " byte limit (session.max-session-bytes); nothing was written: store less or raise the limit");
    }
}
