package io.sessiongrid.client.core;

import io.sessiongrid.client.api.Session;
import io.sessiongrid.client.api.SessionChanges;
import io.sessiongrid.client.api.SessionId;
import io.sessiongrid.client.api.SessionKey;
import io.sessiongrid.client.api.StoredValues;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link Session} over one {@link SessionRecord}. Each attribute is decoded on its first read and kept, through
 * the store's {@link DecodedValues}; a value that fails to decode fails only its own reads. Thread safe:
 * concurrent first reads of an attribute get the same value.
 */
final class RecordSession implements Session, StoredValues {
    private final SessionId id;
    private final SessionRecord record;
    private final SessionCodec codec;
    private final DecodedValues shared;
    private final ConcurrentHashMap<String, Object> decoded = new ConcurrentHashMap<>();

    RecordSession(SessionId id, SessionRecord record, SessionCodec codec, DecodedValues shared) {
        this.id = id;
        this.record = record;
        this.codec = codec;
        this.shared = shared;
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
        value = shared.decode(record, name, bytes, () -> codec.decode(name, bytes));
        if (value == null) {
            // Bytes that decode to null (only damaged or foreign ones: a null is never stored) are read as absent.
            return null;
        }
        Object first = decoded.putIfAbsent(name, value);
        return first != null ? first : value;
    }

    @Override
    public int attributeSize(String name) {
        byte[] bytes = record.attributes().get(name);
        return bytes == null ? -1 : bytes.length;
    }

    /**
     * A shareable value is kept as a copy, compared later with equals; any other is encoded now, since the
     * application may change it in place after this call.
     */
    @Override
    public StoredValues storedValues() {
        return this;
    }

    @Override
    public boolean canChangeInPlace(Object value) {
        return !AttributeValues.isImmutable(value);
    }

    @Override
    public StoredValues withWritten(SessionChanges changes) {
        return new Written(this, Map.of(), Set.of()).withWritten(changes);
    }

    /**
     * A shareable value is compared with the decoded stored value when one is at hand (no serialization);
     * anything else is encoded and compared byte for byte.
     */
    @Override
    public boolean isStoredAs(String name, Object value) {
        if (value == null) {
            return false;
        }
        byte[] stored = record.attributes().get(name);
        if (stored == null) {
            return false;
        }
        PlainValues.Template pristine = shared.pristine(record, name, stored);
        if (pristine != null) {
            // A plain value: its state says whether it changed, no serialization needed.
            return pristine.matches(value);
        }
        return codec.matches(name, stored, value);
    }

    @Override
    public String toString() {
        return "Session[key=" + key().abbreviated() + ", version=" + record.version() + "]";
    }

    /** How a value written by this request is compared later: what this store sent for it, in the cheapest form. */
    private Sent asSent(String name, Object value) {
        PlainValues.Template template = shared.writtenTemplate(record.key(), name, value);
        if (template != null) {
            return new SentTemplate(template);
        }
        if (shared.plain().isPlain(value)) {
            return new SentCopy(shared.plain().copy(value));
        }
        return new SentBytes(codec.encodeUnchecked(name, value));
    }

    /**
     * The stored values once a request's writes landed, over the record it read: for each attribute written, what
     * was sent; removed attributes hold nothing. Built per drain without copying the record, which a request that
     * writes at its response's commit and checks again when it ends would otherwise do on every write. Immutable.
     */
    private record Written(RecordSession read, Map<String, Sent> sent, Set<String> removed) implements StoredValues {
        @Override
        public boolean isStoredAs(String name, Object value) {
            if (value == null || removed.contains(name)) {
                return false;
            }
            Sent as = sent.get(name);
            return as == null ? read.isStoredAs(name, value) : as.holds(read, name, value);
        }

        @Override
        public boolean canChangeInPlace(Object value) {
            return read.canChangeInPlace(value);
        }

        @Override
        public StoredValues withWritten(SessionChanges changes) {
            Map<String, Sent> sentNow = new HashMap<>(sent);
            Set<String> removedNow = new HashSet<>(removed);
            changes.set().forEach((name, value) -> {
                sentNow.put(name, read.asSent(name, value));
                removedNow.remove(name);
            });
            changes.removed().forEach(name -> {
                sentNow.remove(name);
                removedNow.add(name);
            });
            return new Written(read, Map.copyOf(sentNow), Set.copyOf(removedNow));
        }
    }

    /** A value as this store sent it. */
    private sealed interface Sent {
        /** Whether {@code value} is still what was sent. */
        boolean holds(RecordSession read, String name, Object value);
    }

    /** A plain value, by the pristine form the store kept of it when it encoded it. */
    private record SentTemplate(PlainValues.Template template) implements Sent {
        @Override
        public boolean holds(RecordSession read, String name, Object value) {
            return template.matches(value);
        }
    }

    /** A plain value whose pristine form the store no longer keeps: a copy, taken when the write is recorded. */
    private record SentCopy(Object copy) implements Sent {
        @Override
        public boolean holds(RecordSession read, String name, Object value) {
            return read.shared.plain().same(value, copy);
        }
    }

    /** Any other value: its bytes. */
    private record SentBytes(byte[] bytes) implements Sent {
        @Override
        public boolean holds(RecordSession read, String name, Object value) {
            return read.codec.matches(name, bytes, value);
        }
    }
}
