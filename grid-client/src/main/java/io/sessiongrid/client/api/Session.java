package io.sessiongrid.client.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * A snapshot of one session as it was when read. Immutable in what it reports; attribute values are decoded
 * lazily, one attribute at a time, on first read, and kept for later reads of this snapshot. Thread safe.
 *
 * <p>To change a session, hand a {@link SessionChanges} to {@link SessionStore#apply}; a snapshot never
 * changes after it was read.
 */
public interface Session {
    SessionId id();

    SessionKey key();

    Instant createdAt();

    /** The last access the owner recorded; reads refresh it at most once per touch interval. */
    Instant lastAccessedAt();

    /** The sliding idle limit; {@link Duration#ZERO} means the session never idles out. */
    Duration maxInactiveInterval();

    /** When the session ends unless it is accessed again, or empty if it never expires. */
    Optional<Instant> expiresAt();

    Optional<String> principal();

    /** Counts the writes to this session on the owner; a larger version is a later state. */
    long version();

    Set<String> attributeNames();

    /**
     * The decoded value, or {@code null} if there is no such attribute.
     *
     * @throws AttributeDecodeException if this attribute's bytes cannot be decoded; other attributes are not
     *         affected
     */
    Object attribute(String name);

    /** The stored (encoded, possibly compressed) size of one attribute, or -1 if absent. */
    int attributeSize(String name);

    /**
     * Whether {@code value} is what is stored for {@code name}: false when the attribute is absent, or when a
     * value read from this snapshot was changed in place since (so it must be written). Immutable JDK values
     * and plain JDK collections of them are compared with the decoded stored value, when one is at hand, by
     * {@code equals} (and order, where their serialized form keeps one); any other value by encoding it and
     * comparing the bytes.
     */
    boolean isStoredAs(String name, Object value);

    /**
     * This snapshot as it is once {@code changes} were written: their values stored as the store encodes them,
     * their removals gone. A local baseline for later {@link #isStoredAs} checks, so a value written once is not
     * taken for changed in place; no grid call. Only attributes change; times and version stay.
     *
     * @throws AttributeRejectedException if a value cannot be encoded
     */
    Session withWritten(SessionChanges changes);
}
