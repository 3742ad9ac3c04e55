package io.sessiongrid.servlet;

import java.util.Locale;

/**
 * Which attribute values a request writes back to the grid ({@code session.save-mode}).
 */
public enum SaveMode {
    /**
     * The default: values set or removed, and values read whose serialized form changed during the request (a
     * list or bean changed in place without {@code setAttribute}). Each mutable value read costs one
     * serialization at the end of the request to find out.
     */
    ON_CHANGE,
    /**
     * Only values set or removed through the session. A value changed in place is lost unless set again, as with
     * Spring Session's default save mode and the servlet containers' own persistent sessions; reads then cost no
     * serialization beyond decoding.
     */
    ON_SET_ATTRIBUTE;

    /** Parses {@code on-change} or {@code on-set-attribute}, ignoring case. */
    public static SaveMode parse(String text) {
        for (SaveMode mode : values()) {
            if (mode.name().replace('_', '-').equalsIgnoreCase(text.trim())) {
                return mode;
            }
        }
        throw new IllegalArgumentException("session.save-mode must be on-change or on-set-attribute, got \"" + text
                + "\"");
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
