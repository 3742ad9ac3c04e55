package io.sessiongrid.client.testing;

import java.io.Serializable;

/** An application value class: storable only where {@code io.sessiongrid.client.testing.*} is allowed. */
public record AllowedValue(String text) implements Serializable {
}
