package io.sessiongrid.client.api;

import java.time.Duration;

/** The per-session lock was not acquired within the bounded wait. The work did not run. */
public final class SessionLockTimeoutException extends SessionGridException {
    public SessionLockTimeoutException(SessionKey key, Duration waited) {
        super("session " + key.abbreviated() + " stayed locked by another request for " + waited.toMillis()
                + " ms; retry later or raise the lock wait");
    }
}
