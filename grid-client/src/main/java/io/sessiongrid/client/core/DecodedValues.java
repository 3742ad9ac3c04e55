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
 * attribute: newer bytes replace older ones. Also keeps, for values of any kind, their canonical encoding
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
     * The value of attribute {@code name} of session {@code session} stored as {@code bytes}: a copy of a shared
     * decode when there is one for these bytes, else from {@code decode}.
     */
    Object decode(String session, String name, byte[] bytes, Supplier<Object> decode) {
        Slot slot = new Slot(session, name);
        Decoded known = pristine.getIfPresent(slot);
        if (known != null && known.holds(bytes)) {
            return plain.copy(known.value);
        }
        Object value = decode.get();
        if (plain.isPlain(value)) {
            pristine.put(slot, new Decoded(bytes, plain.copy(value), null));
        }
        return value;
    }

    /**
     * This store wrote {@code value} as {@code bytes}: the next read of those bytes needs no decoding.
     * {@code isPlain}: what {@link PlainValues#isPlain} said of the value, which the writer has already asked.
     */
    void wrote(String session, String name, byte[] bytes, Object value, boolean isPlain) {
        if (isPlain) {
            pristine.put(new Slot(session, name), new Decoded(bytes, plain.copy(value), new WeakReference<>(value)));
        }
    }

    /**
     * The bytes this store last wrote for the attribute, if they were encoded from this very instance, else null.
     * Their pristine copy holds the value as it was sent, so a request that keeps what it wrote takes the bytes
     * rather than copying the value a second time. A later write of the attribute, by any request, replaces them.
     */
    byte[] writtenFrom(String session, String name, Object value) {
        Decoded known = pristine.getIfPresent(new Slot(session, name));
        return known != null && known.source != null && known.source.get() == value ? known.bytes : null;
    }

    /** The decoded form of {@code bytes} that no request has seen, or null if none is kept. */
    Object pristine(String session, String name, byte[] bytes) {
        Decoded known = pristine.getIfPresent(new Slot(session, name));
        return known != null && known.holds(bytes) ? known.value : null;
    }

    private record Slot(String session, String name) {
    }

    /**
     * A pristine value and the bytes it was decoded from or written as; never modified. {@code source}: the instance
     * that was written (weakly, so a finished request's objects are not kept alive), null for a decoded value.
     */
    private record Decoded(byte[] bytes, Object value, WeakReference<Object> source) {
        boolean holds(byte[] other) {
            return other == bytes || Arrays.equals(other, bytes);
        }
    }
}
