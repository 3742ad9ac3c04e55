package io.sessiongrid.client.api;

/**
 * Base of the errors the session store raises. Unchecked: most callers let it fail the request; callers
 * that can act on a cause catch the typed subclass.
 */
public class SessionGridException extends RuntimeException {
    public SessionGridException(String message) {
        super(message);
    }

    public SessionGridException(String message, Throwable cause) {
        super(message, cause);
    }
}
