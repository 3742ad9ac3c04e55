package io.sessiongrid.client.core;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.lang.ref.WeakReference;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * Decoded attribute values shared by the requests of one store: per session and attribute, the pristine decoded
 * form of the bytes last seen for it, which no request ever sees. A value is decoded once per node rather than once
 * per request, and a value this store just wrote is known by its bytes before the record comes back
 * ({@link #wrote}), so the read after a write decodes nothing either. Only {@link PlainValues plain} values are
 * kept, and each request gets its own copy, so requests still never see each other's unsaved changes. One slot per
 * attribute: newer bytes replace older ones. The record a value was decoded from keeps it as well, for as long as
 * the record lives (a near-cache entry, a validated copy), so that the many requests reading one record look
 * nothing up. Also keeps, for values of any kind, their canonical encoding
 * ({@link #canonical}) for the in-place check. Thread safe.
 */
final class DecodedValues {
    /** Attribute values, not sessions: a near cache of 10,000 sessions of a few attributes each fits. */
    static final int MAX_VALUES = 32_768;

    private final PlainValues plain;
    private final Cache<Slot, Decoded> pristine;
    private final Cache<byte[], byte[]> canonical;

    DecodedValues(PlainValues plain, int maxValues) {
        this.plain = plain;
        // Maintenance on the caller's thread: a hand-off to a pool per write costs more than the work.
        this.pristine = Caffeine.newBuilder().maximumSize(maxValues).executor(Runnable::run).build();
        this.canonical = Caffeine.newBuilder().weakKeys().maximumSize(maxValues).executor(Runnable::run).build();
    }

    PlainValues plain() {
        return plain;
    }

    /**
     * How this JVM encodes the value stored as {@code bytes} once decoded: computed once per stored bytes by
     * {@code encodeDecoded}, then kept as long as the bytes are.
     */
    byte[] canonical(byte[] bytes, Supplier<byte[]> encodeDecoded) {
        return canonical.get(bytes, b -> encodeDecoded.get());
    }

    /**
     * The value of attribute {@code name} of {@code record}, stored there as {@code bytes}: a copy of a shared decode
     * when there is one for these bytes, else from {@code decode}. The shared decode is remembered by the record too,
     * so that the next request reading the same record finds it without a lookup.
     */
    Object decode(SessionRecord record, String name, byte[] bytes, Supplier<Object> decode) {
        Decoded known = known(record, name, bytes);
        if (known != null) {
            return known.template.copy();
        }
        Object value = decode.get();
        if (plain.isPlain(value)) {
            Decoded fresh = decoded(bytes, plain.copy(value), null);
            pristine.put(new Slot(record.key(), name), fresh);
            record.keepDecoding(name, fresh);
        }
        return value;
    }

    /** The pristine decode of the attribute's bytes, from the record or the shared cache, or null. */
    private Decoded known(SessionRecord record, String name, byte[] bytes) {
        if (record.decoding(name) instanceof Decoded kept && kept.holds(bytes)) {
            return kept;
        }
        Decoded shared = pristine.getIfPresent(new Slot(record.key(), name));
        if (shared != null && shared.holds(bytes)) {
            record.keepDecoding(name, shared);
            return shared;
        }
        return null;
    }

    /**
     * This store wrote {@code value} as {@code bytes}: the next read of those bytes needs no decoding.
     * {@code isPlain}: what {@link PlainValues#isPlain} said of the value, which the writer has already asked.
     */
    void wrote(String session, String name, byte[] bytes, Object value, boolean isPlain) {
        if (isPlain) {
            pristine.put(new Slot(session, name), decoded(bytes, plain.copy(value), new WeakReference<>(value)));
        }
    }

    /**
     * The pristine form of what this store last wrote for the attribute, if it was encoded from this very instance,
     * else null: the value as it was sent, so a request that keeps what it wrote compares with it rather than copying
     * the value a second time. A later write of the attribute, by any request, replaces it.
     */
    PlainValues.Template writtenTemplate(String session, String name, Object value) {
        Decoded known = pristine.getIfPresent(new Slot(session, name));
        return known != null && known.source != null && known.source.get() == value ? known.template : null;
    }

    /**
     * The decoded form of the attribute's {@code bytes} in {@code record} that no request has seen, as a template
     * to compare a value with, or null.
     */
    PlainValues.Template pristine(SessionRecord record, String name, byte[] bytes) {
        Decoded known = known(record, name, bytes);
        return known != null ? known.template : null;
    }

    private record Slot(String session, String name) {
    }

    private Decoded decoded(byte[] bytes, Object value, WeakReference<Object> source) {
        return new Decoded(bytes, value, plain.template(value), source);
    }

    /**
     * A pristine value and the bytes it was decoded from or written as; never modified. {@code template}: how each
     * request gets its own copy of it, and how a value is compared with it. {@code source}: the instance that was
     * written (weakly, so a finished request's objects are not kept alive), null for a decoded value.
     */
    private record Decoded(byte[] bytes, Object value, PlainValues.Template template, WeakReference<Object> source) {
        boolean holds(byte[] other) {
            return other == bytes || Arrays.equals(other, bytes);
        }
    }
}
