package io.sessiongrid.client.api;

/**
 * A stored attribute value cannot be turned back into an object: its bytes are damaged, its class is missing
 * here, or its class is not allowed (see {@link AttributeClassNotAllowedException}). Only that attribute is
 * affected; the session and its other attributes stay readable and writable.
 */
public class AttributeDecodeException extends SessionGridException {
    private final String attribute;

    public AttributeDecodeException(String attribute, String message, Throwable cause) {
        super(message, cause);
        this.attribute = attribute;
    }

    /** The name of the attribute that could not be read. */
    public String attribute() {
        return attribute;
    }
}
