package io.sessiongrid.client.testing;

import java.io.Serializable;

/**
 * An application value class: storable only where {@code io.sessiongrid.client.testing.*} is allowed. It may hold
 * another value, to build values nested as deep as a test needs.
 */
public record AllowedValue(String text, Object inner) implements Serializable {
    public AllowedValue(String text) {
        this(text, null);
    }

    /** This value holding {@code inner}: one level deeper. */
    public AllowedValue wrapping(Object inner) {
        return new AllowedValue(text, inner);
    }
}
