package io.sessiongrid.client.core;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The one value stored per session in the grid: times in epoch milliseconds, the principal, and attributes as
 * name to encoded bytes, so that members never need application classes. Immutable: every change makes a new
 * record with a higher version. Byte arrays are never handed out for writing.
 *
 * <p>Expiry is computed here, not by the map's idle clock: a session ends at the earlier of
 * {@code lastAccessedAt + maxInactiveMillis} (when the idle limit is positive) and the absolute
 * {@code deadline} (when set).
 */
public final class SessionRecord {
    /** Returned by {@link #expiresAt()} for a session that never expires. */
    public static final long NEVER = Long.MAX_VALUE;

    private final String key;
    private final long createdAt;
    private final long lastAccessedAt;
    private final long maxInactiveMillis;
    private final long deadline;
    private final String principal;
    private final Map<String, byte[]> attributes;
    private final long version;
    private final long storedBytes;

    public SessionRecord(String key, long createdAt, long lastAccessedAt, long maxInactiveMillis, long deadline,
                         String principal, Map<String, byte[]> attributes, long version) {
        this.key = Objects.requireNonNull(key, "key");
        this.createdAt = createdAt;
        this.lastAccessedAt = lastAccessedAt;
        this.maxInactiveMillis = Math.max(0, maxInactiveMillis);
        this.deadline = Math.max(0, deadline);
        this.principal = principal;
        this.attributes = Collections.unmodifiableMap(attributes);
        this.version = version;
        long bytes = 0;
        for (Map.Entry<String, byte[]> e : attributes.entrySet()) {
            bytes += e.getKey().length() + e.getValue().length;
        }
        this.storedBytes = bytes;
    }

    public String key() {
        return key;
    }

    public long createdAt() {
        return createdAt;
    }

    public long lastAccessedAt() {
        return lastAccessedAt;
    }

    /** Zero: never idles out. */
    public long maxInactiveMillis() {
        return maxInactiveMillis;
    }

    /** Zero: no absolute lifetime. */
    public long deadline() {
        return deadline;
    }

    /** May be {@code null}. */
    public String principal() {
        return principal;
    }

    /** Read-only view; the arrays must not be modified. */
    public Map<String, byte[]> attributes() {
        return attributes;
    }

    public long version() {
        return version;
    }

    /** Sum of attribute name lengths and encoded value lengths. */
    public long storedBytes() {
        return storedBytes;
    }

    /** When the session ends unless accessed again, or {@link #NEVER}. */
    public long expiresAt() {
        long idle = maxInactiveMillis > 0 ? saturatedAdd(lastAccessedAt, maxInactiveMillis) : NEVER;
        long absolute = deadline > 0 ? deadline : NEVER;
        return Math.min(idle, absolute);
    }

    public boolean isExpiredAt(long now) {
        return expiresAt() <= now;
    }

    /** The record after the delta, one version later. The last access never moves backwards. */
    public SessionRecord applying(AttributeDelta delta) {
        Map<String, byte[]> next = new HashMap<>(attributes);
        delta.removed().forEach(next::remove);
        next.putAll(delta.set());
        long accessed = delta.accessedAt() > 0 ? Math.max(lastAccessedAt, delta.accessedAt()) : lastAccessedAt;
        long maxInactive = delta.maxInactiveMillis() >= 0 ? delta.maxInactiveMillis() : maxInactiveMillis;
        String nextPrincipal = delta.principalChanged() ? delta.principal() : principal;
        return new SessionRecord(key, createdAt, accessed, maxInactive, deadline, nextPrincipal, next,
                version + 1);
    }

    /** The record with its last access at {@code now} (never earlier than it was), one version later. */
    public SessionRecord touchedAt(long now) {
        return new SessionRecord(key, createdAt, Math.max(lastAccessedAt, now), maxInactiveMillis, deadline,
                principal, attributes, version + 1);
    }

    /** The same session under another key, as after an id change. */
    public SessionRecord withKey(String newKey) {
        return new SessionRecord(newKey, createdAt, lastAccessedAt, maxInactiveMillis, deadline, principal,
                attributes, version);
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? NEVER : r;
    }

    @Override
    public String toString() {
        return "SessionRecord[key=" + key.substring(0, Math.min(8, key.length())) + ", version=" + version
                + ", attributes=" + attributes.keySet() + "]";
    }
}
