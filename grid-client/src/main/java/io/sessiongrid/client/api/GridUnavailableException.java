package io.sessiongrid.client.api;

/**
 * The grid could not be reached, or did not answer in time. The operation may or may not have taken effect
 * on the owner; every store operation is safe to retry except create, which a retry repeats under a new id.
 */
public final class GridUnavailableException extends SessionGridException {
    public GridUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
