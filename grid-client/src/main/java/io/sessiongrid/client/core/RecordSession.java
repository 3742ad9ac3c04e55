package io.sessiongrid.client.core;

import io.sessiongrid.client.api.Session;
import io.sessiongrid.client.api.SessionChanges;
import io.sessiongrid.client.api.SessionId;
import io.sessiongrid.client.api.SessionKey;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link Session} over one {@link SessionRecord}. Each attribute is decoded on its first read and kept; a
 * value that fails to decode fails only its own reads. Thread safe: concurrent first reads may decode twice,
 * and both results are equal.
 */
final class RecordSession implements Session {
    private final SessionId id;
    private final SessionRecord record;
    private final SessionCodec codec;
    private final ConcurrentHashMap<String, Object> decoded = new ConcurrentHashMap<>();

    RecordSession(SessionId id, SessionRecord record, SessionCodec codec) {
        this.id = id;
        this.record = record;
        this.codec = codec;
    }

    @Override
    public SessionId id() {
        return id;
    }

    @Override
    public SessionKey key() {
        return id.key();
    }

    @Override
    public Instant createdAt() {
        return Instant.ofEpochMilli(record.createdAt());
    }

    @Override
    public Instant lastAccessedAt() {
        return Instant.ofEpochMilli(record.lastAccessedAt());
    }

    @Override
    public Duration maxInactiveInterval() {
        return Duration.ofMillis(record.maxInactiveMillis());
    }

    @Override
    public Optional<Instant> expiresAt() {
        long at = record.expiresAt();
        return at == SessionRecord.NEVER ? Optional.empty() : Optional.of(Instant.ofEpochMilli(at));
    }

    @Override
    public Optional<String> principal() {
        return Optional.ofNullable(record.principal());
    }

    @Override
    public long version() {
        return record.version();
    }

    @Override
    public Set<String> attributeNames() {
        return record.attributes().keySet();
    }

    @Override
    public Object attribute(String name) {
        Object value = decoded.get(name);
        if (value != null) {
            return value;
        }
        byte[] bytes = record.attributes().get(name);
        if (bytes == null) {
            return null;
        }
        value = codec.decode(name, bytes);
        decoded.putIfAbsent(name, value);
        return value;
    }

    @Override
    public int attributeSize(String name) {
        byte[] bytes = record.attributes().get(name);
        return bytes == null ? -1 : bytes.length;
    }

    @Override
    public Session withWritten(SessionChanges changes) {
        Map<String, byte[]> set = new HashMap<>();
        changes.set().forEach((name, value) -> set.put(name, codec.encode(name, value)));
        Map<String, byte[]> attributes = new HashMap<>(record.attributes());
        attributes.putAll(set);
        changes.removed().forEach(attributes::remove);
        return new RecordSession(id, new SessionRecord(record.key(), record.createdAt(), record.lastAccessedAt(),
                record.maxInactiveMillis(), record.deadline(), record.principal(), attributes, record.version()),
                codec);
    }

    @Override
    public boolean isStoredAs(String name, Object value) {
        byte[] stored = record.attributes().get(name);
        if (stored == null || value == null) {
            return false;
        }
        return codec.matches(name, stored, value);
    }

    @Override
    public String toString() {
        return "Session[key=" + key().abbreviated() + ", version=" + record.version() + "]";
    }
}
