package io.sessiongrid.client.api;

/**
 * A session's attribute values as they are stored, for an integration that hands live attribute objects to the
 * application (as an HttpSession does) and must tell, when the request ends, which of them were changed in place
 * without being set again. Applications do not need it: {@link SessionStore#apply} writes what it is given.
 * Immutable and thread safe; no method calls the grid.
 */
public interface StoredValues {
    /**
     * Whether {@code value} is what is stored for {@code name}: false when the attribute is absent, or when a
     * value read from the session was changed in place since (so it must be written). Immutable JDK values and
     * plain JDK collections of them are compared with the decoded stored value, when one is at hand, by
     * {@code equals} (and order, where their serialized form keeps one); any other value by encoding it and
     * comparing the bytes.
     */
    boolean isStoredAs(String name, Object value);

    /**
     * These values as they are once {@code changes} were written: their values stored as the store encodes them,
     * their removals gone. The baseline for later checks, so a value written once is not taken for changed in
     * place.
     *
     * @throws AttributeRejectedException if a value cannot be encoded
     */
    StoredValues withWritten(SessionChanges changes);

    /**
     * Whether a value of this kind can change in place at all; one that cannot (an exact immutable JDK value
     * class, an enum) never needs {@link #isStoredAs}.
     */
    boolean canChangeInPlace(Object value);
}
