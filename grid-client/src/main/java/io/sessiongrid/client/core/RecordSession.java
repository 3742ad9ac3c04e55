package io.sessiongrid.client.core;

import io.sessiongrid.client.api.Session;
import io.sessiongrid.client.api.SessionChanges;
import io.sessiongrid.client.api.SessionId;
import io.sessiongrid.client.api.SessionKey;
import io.sessiongrid.client.api.StoredValues;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
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
    /**
     * Shareable values written since the record was read, as they were sent: kept (copied) where this store no longer
     * has the bytes it sent for them (another write of the attribute replaced them). The record holds no bytes for
     * these names; for the other written names it holds the bytes sent.
     */
    private final Map<String, Object> sent;
    private final ConcurrentHashMap<String, Object> decoded = new ConcurrentHashMap<>();

    RecordSession(SessionId id, SessionRecord record, SessionCodec codec, DecodedValues shared) {
        this(id, record, codec, shared, Map.of());
    }

    private RecordSession(SessionId id, SessionRecord record, SessionCodec codec, DecodedValues shared,
                          Map<String, Object> sent) {
        this.id = id;
        this.record = record;
        this.codec = codec;
        this.shared = shared;
        this.sent = sent;
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
        if (sent.isEmpty()) {
            return record.attributes().keySet();
        }
        Set<String> names = new LinkedHashSet<>(record.attributes().keySet());
        names.addAll(sent.keySet());
        return Collections.unmodifiableSet(names);
    }

    @Override
    public Object attribute(String name) {
        Object value = decoded.get(name);
        if (value != null) {
            return value;
        }
        Object written = sent.get(name);
        if (written != null) {
            value = shared.plain().copy(written);
        } else {
            byte[] bytes = record.attributes().get(name);
            if (bytes == null) {
                return null;
            }
            value = shared.decode(record, name, bytes, () -> codec.decode(name, bytes));
            if (value == null) {
                // Bytes that decode to null (only damaged or foreign ones: a null is never stored) are read as absent.
                return null;
            }
        }
        Object first = decoded.putIfAbsent(name, value);
        return first != null ? first : value;
    }

    @Override
    public int attributeSize(String name) {
        Object written = sent.get(name);
        if (written != null) {
            return codec.encodeUnchecked(name, written).length;
        }
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
        Map<String, byte[]> attributes = new HashMap<>(record.attributes());
        Map<String, Object> sentNow = new HashMap<>(sent);
        changes.set().forEach((name, value) -> {
            byte[] sentAs = shared.writtenFrom(record.key(), name, value);
            if (sentAs != null) {
                attributes.put(name, sentAs);
                sentNow.remove(name);
            } else if (shared.plain().isPlain(value)) {
                sentNow.put(name, shared.plain().copy(value));
                attributes.remove(name);
            } else {
                attributes.put(name, codec.encodeUnchecked(name, value));
                sentNow.remove(name);
            }
        });
        changes.removed().forEach(name -> {
            attributes.remove(name);
            sentNow.remove(name);
        });
        return new RecordSession(id, new SessionRecord(record.key(), record.createdAt(), record.lastAccessedAt(),
                record.maxInactiveMillis(), record.deadline(), record.principal(), attributes, record.version()),
                codec, shared, Map.copyOf(sentNow));
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
        Object written = sent.get(name);
        if (written != null) {
            return shared.plain().same(value, written);
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
}
