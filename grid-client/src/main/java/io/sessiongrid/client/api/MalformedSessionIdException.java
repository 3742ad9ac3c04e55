package io.sessiongrid.client.api;

/**
 * A presented session id is not of the form this grid issues. Raised before any grid call, so a forged or
 * garbled id costs nothing on the grid. The message never repeats the presented text.
 */
public final class MalformedSessionIdException extends SessionGridException {
    public MalformedSessionIdException(String message) {
        super(message);
    }
}
