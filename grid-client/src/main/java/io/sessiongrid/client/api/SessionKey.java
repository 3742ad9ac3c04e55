package io.sessiongrid.client.api;

import java.util.Objects;

/**
 * The grid's name for a session: a one-way hash of its {@link SessionId}. Safe to log, list and show to
 * operators; it cannot be turned back into a token that a browser could present. Immutable.
 */
public record SessionKey(String value) {
    public SessionKey {
        Objects.requireNonNull(value, "value");
        if (value.length() != SessionId.LENGTH) {
            throw new IllegalArgumentException("a session key is " + SessionId.LENGTH + " characters, got "
                    + value.length());
        }
    }

    static SessionKey of(String value) {
        return new SessionKey(value);
    }

    /** The first 8 characters: enough to tell sessions apart in a log line. */
    public String abbreviated() {
        return value.substring(0, 8);
    }

    @Override
    public String toString() {
        return value;
    }
}
