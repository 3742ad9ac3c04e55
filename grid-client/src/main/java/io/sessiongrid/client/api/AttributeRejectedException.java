package io.sessiongrid.client.api;

/**
 * An attribute value cannot be stored: it is not serializable, its class is not allowed, or it is too large.
 * Raised before any grid call, so the session keeps every value it had. Extends IllegalArgumentException
 * because the caller handed in the bad value.
 */
public class AttributeRejectedException extends IllegalArgumentException {
    private final String attribute;

    public AttributeRejectedException(String attribute, String message) {
        super(message);
        this.attribute = attribute;
    }

    public AttributeRejectedException(String attribute, String message, Throwable cause) {
        super(message, cause);
        this.attribute = attribute;
    }

    /** The name of the attribute whose value was refused. */
    public String attribute() {
        return attribute;
    }
}
