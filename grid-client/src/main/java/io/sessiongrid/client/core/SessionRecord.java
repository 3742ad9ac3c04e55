package io.sessiongrid.client.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one value stored per session in the grid: times in epoch milliseconds on the owner's clock, the principal,
 * and attributes as name to encoded bytes, so that members never need application classes. Immutable: every
 * change makes a new record with a higher version. Byte arrays are never handed out for writing.
 *
 * <p>Expiry is computed here, not by the map's idle clock: a session ends at the earlier of
 * {@code lastAccessedAt + maxInactiveMillis} (when the idle limit is positive) and the absolute
 * {@code deadline} (when set). The record also remembers the ids of its last {@value #REMEMBERED_WRITES} writes,
 * so that a write retried after a lost answer is recognised instead of applied twice. A record that only says its
 * session moved to another key (an id change) is a <em>forwarding</em> record: expired from the start, it exists so
 * that the id change can be retried safely.
 */
public final class SessionRecord {
    /** Returned by {@link #expiresAt()} for a session that never expires. */
    public static final long NEVER = Long.MAX_VALUE;
    /** How many write ids a record remembers. */
    public static final int REMEMBERED_WRITES = 8;
    private static final long[] NO_WRITES = new long[0];

    private final String key;
    private final long createdAt;
    private final long lastAccessedAt;
    private final long maxInactiveMillis;
    private final long deadline;
    private final String principal;
    private final Map<String, byte[]> attributes;
    private final long version;
    private final long[] recentWrites;
    private final String movedTo;
    private final long contentVersion;
    private final byte[] seal;
    private final long storedBytes;
    /**
     * This JVM's decoded forms of the attributes ({@link DecodedValues}), kept with the record so that the requests
     * reading it find them without a lookup; made on first use, never serialized, not part of the record's value.
     */
    private volatile ConcurrentHashMap<String, Object> decodings;

    public SessionRecord(String key, long createdAt, long lastAccessedAt, long maxInactiveMillis, long deadline,
                         String principal, Map<String, byte[]> attributes, long version) {
        this(key, createdAt, lastAccessedAt, maxInactiveMillis, deadline, principal, attributes, version, NO_WRITES,
                null, 0, null);
    }

    /**
     * @param recentWrites   ids of the last writes, newest first (not copied: never modify it afterwards)
     * @param movedTo        the key this session moved to, for a forwarding record; else null
     * @param contentVersion counts the writes of the session's content (attributes, principal, idle limit); a
     *                       touch does not change it
     * @param seal           the record's seal under the encryption keys ({@link RecordSeal}), or null
     */
    public SessionRecord(String key, long createdAt, long lastAccessedAt, long maxInactiveMillis, long deadline,
                         String principal, Map<String, byte[]> attributes, long version, long[] recentWrites,
                         String movedTo, long contentVersion, byte[] seal) {
        this.key = Objects.requireNonNull(key, "key");
        this.createdAt = createdAt;
        this.lastAccessedAt = lastAccessedAt;
        this.maxInactiveMillis = Math.max(0, maxInactiveMillis);
        this.deadline = Math.max(0, deadline);
        this.principal = principal;
        // Immutable maps are taken as they are; another map is copied into one, a flat table that costs a member
        // holding records as objects less heap than a hash map's nodes.
        this.attributes = Map.copyOf(attributes);
        this.version = version;
        this.recentWrites = recentWrites == null ? NO_WRITES : recentWrites;
        this.movedTo = movedTo;
        this.contentVersion = contentVersion;
        this.seal = seal;
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

    /** The ids of the last writes, newest first; the array must not be modified. */
    public long[] recentWrites() {
        return recentWrites;
    }

    /** The key this session moved to, if this is a forwarding record; else null. */
    public String movedTo() {
        return movedTo;
    }

    /** Counts the writes of the session's content; a touch leaves it as it is. */
    public long contentVersion() {
        return contentVersion;
    }

    /** The seal written with the content ({@link RecordSeal}), or null; the array must not be modified. */
    public byte[] seal() {
        return seal;
    }

    public boolean isForwarding() {
        return movedTo != null;
    }

    /** Whether the write with this id is one of the last {@value #REMEMBERED_WRITES} applied to this record. */
    public boolean wasWrittenBy(long writeId) {
        for (long id : recentWrites) {
            if (id == writeId) {
                return true;
            }
        }
        return false;
    }

    /** What {@link #keepDecoding} kept for an attribute, or null. */
    Object decoding(String name) {
        ConcurrentHashMap<String, Object> d = decodings;
        return d == null ? null : d.get(name);
    }

    void keepDecoding(String name, Object decoding) {
        ConcurrentHashMap<String, Object> d = decodings;
        if (d == null) {
            synchronized (this) {
                d = decodings;
                if (d == null) {
                    d = new ConcurrentHashMap<>(4);
                    decodings = d;
                }
            }
        }
        d.put(name, decoding);
    }

    /** Sum of attribute name lengths and encoded value lengths. */
    public long storedBytes() {
        return storedBytes;
    }

    /** When the session ends unless accessed again, or {@link #NEVER}; a forwarding record has already ended. */
    public long expiresAt() {
        return movedTo != null ? Long.MIN_VALUE : expiresAt(lastAccessedAt, maxInactiveMillis, deadline);
    }

    /**
     * When a live record with these fields ends unless accessed again, or {@link #NEVER}: for a reader that has the
     * fields without the record.
     */
    public static long expiresAt(long lastAccessedAt, long maxInactiveMillis, long deadline) {
        long idle = maxInactiveMillis > 0 ? saturatedAdd(lastAccessedAt, maxInactiveMillis) : NEVER;
        long absolute = deadline > 0 ? deadline : NEVER;
        return Math.min(idle, absolute);
    }

    public boolean isExpiredAt(long now) {
        return expiresAt() <= now;
    }

    /**
     * The record after the delta, applied at {@code now} (the owner's time), one version later. The last access
     * never moves backwards.
     */
    public SessionRecord applying(AttributeDelta delta, long now, long writeId) {
        // Built straight into the immutable form the constructor keeps: each write, on the writer, the owner and
        // each backup, otherwise filled a hash map only to copy it.
        Map<String, byte[]> set = delta.set();
        Set<String> removed = delta.removed();
        List<Map.Entry<String, byte[]>> entries = new ArrayList<>(attributes.size() + set.size());
        for (Map.Entry<String, byte[]> e : attributes.entrySet()) {
            if (!set.containsKey(e.getKey()) && !removed.contains(e.getKey())) {
                entries.add(e);
            }
        }
        entries.addAll(set.entrySet());
        @SuppressWarnings("unchecked")
        Map<String, byte[]> next = Map.ofEntries(entries.toArray(Map.Entry[]::new));
        long accessed = delta.accessed() ? Math.max(lastAccessedAt, now) : lastAccessedAt;
        long maxInactive = delta.maxInactiveMillis() >= 0 ? delta.maxInactiveMillis() : maxInactiveMillis;
        String nextPrincipal = delta.principalChanged() ? delta.principal() : principal;
        return new SessionRecord(key, createdAt, accessed, maxInactive, deadline, nextPrincipal, next, version + 1,
                remembering(writeId), null, contentVersion + 1, null);
    }

    /** The same record with this seal. */
    public SessionRecord withSeal(byte[] newSeal) {
        return new SessionRecord(key, createdAt, lastAccessedAt, maxInactiveMillis, deadline, principal, attributes,
                version, recentWrites, movedTo, contentVersion, newSeal);
    }

    /** The record with its last access at {@code now} (never earlier than it was), one version later. */
    public SessionRecord touchedAt(long now) {
        return new SessionRecord(key, createdAt, Math.max(lastAccessedAt, now), maxInactiveMillis, deadline,
                principal, attributes, version + 1, recentWrites, null, contentVersion, seal);
    }

    /** The same session under another key, as after an id change. */
    public SessionRecord withKey(String newKey) {
        return new SessionRecord(newKey, createdAt, lastAccessedAt, maxInactiveMillis, deadline, principal,
                attributes, version, recentWrites, null, contentVersion, null);
    }

    /** The same session with other attribute bytes (sealed again for another key). */
    public SessionRecord withAttributes(Map<String, byte[]> other) {
        return new SessionRecord(key, createdAt, lastAccessedAt, maxInactiveMillis, deadline, principal, other,
                version, recentWrites, movedTo, contentVersion, null);
    }

    /**
     * A new session made absolute at its creation: this record's times count from zero (a lifetime as its
     * deadline), and become times from {@code now}, the owner's clock, written by {@code writeId}.
     */
    public SessionRecord startingAt(long now, long writeId) {
        return new SessionRecord(key, createdAt + now, lastAccessedAt + now, maxInactiveMillis,
                deadline > 0 ? deadline + now : 0, principal, attributes, version, remembering(writeId), null,
                contentVersion, seal);
    }

    /** What is left under this key once its session moved to {@code newKey}: nothing of the session itself. */
    public SessionRecord forwardingTo(String newKey) {
        return new SessionRecord(key, 0, 0, 0, 0, null, Map.of(), version + 1, recentWrites, newKey, contentVersion,
                null);
    }

    private long[] remembering(long writeId) {
        if (writeId == 0) {
            return recentWrites;
        }
        int kept = Math.min(recentWrites.length, REMEMBERED_WRITES - 1);
        long[] next = new long[kept + 1];
        next[0] = writeId;
        System.arraycopy(recentWrites, 0, next, 1, kept);
        return next;
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? NEVER : r;
    }

    @Override
    public String toString() {
        return "SessionRecord[key=" + key.substring(0, Math.min(8, key.length())) + ", version=" + version
                + ", attributes=" + attributes.keySet() + (movedTo != null ? ", moved" : "")
                + "]";
    }
}
