package io.sessiongrid.client.hazelcast;

/**
 * The database behind the session maps did not take or give a row ({@link SessionRows}). Thrown on the member that
 * called it; the store reports it to the application as {@link io.sessiongrid.client.api.GridUnavailableException}
 * (the filter answers 503), and the write it belonged to changed nothing in the grid.
 */
public final class PersistenceUnavailableException extends RuntimeException {
    public PersistenceUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
