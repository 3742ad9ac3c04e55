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
     * What this snapshot stores, for telling values changed in place from those that were not. Only
     * integrations that hand out live attribute objects need it.
     */
    StoredValues storedValues();
}
