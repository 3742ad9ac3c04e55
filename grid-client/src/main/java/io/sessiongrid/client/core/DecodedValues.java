package io.sessiongrid.client.core;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.util.function.Supplier;

/**
 * Decoded attribute values shared by the requests of one store, by the stored bytes they came from. A record
 * served again from a near cache holds the same byte arrays, so a value is decoded once per record and node
 * instead of once per request. Only {@link AttributeValues#isShareable shareable} values are kept: an immutable
 * one is handed out as it is, a plain collection as a fresh shallow copy of a pristine one that no request ever
 * sees, so each request still gets a value of its own. Keys are compared by identity and held weakly (stored
 * bytes are never changed after encoding), so an entry lives no longer than the record holding its bytes; the
 * size bound caps what records that bypass the near cache leave behind. Also keeps, for values of any kind, their
 * canonical encoding ({@link #canonical}) for the in-place check. Thread safe.
 */
final class DecodedValues {
    /** Values, not sessions: a near cache of 10,000 sessions of a few attributes each fits. */
    static final int MAX_VALUES = 32_768;

    private final Cache<byte[], Object> pristine;
    private final Cache<byte[], byte[]> canonical;

    DecodedValues(int maxValues) {
        this.pristine = Caffeine.newBuilder().weakKeys().maximumSize(maxValues).build();
        this.canonical = Caffeine.newBuilder().weakKeys().maximumSize(maxValues).build();
    }

    /**
     * How this JVM encodes the value stored as {@code bytes} once decoded: computed once per stored bytes by
     * {@code encodeDecoded}, then kept as long as the bytes are.
     */
    byte[] canonical(byte[] bytes, Supplier<byte[]> encodeDecoded) {
        return canonical.get(bytes, b -> encodeDecoded.get());
    }

    /** The value stored as {@code bytes}: from a shared decode when there is one, else from {@code decode}. */
    Object decode(byte[] bytes, Supplier<Object> decode) {
        Object shared = pristine.getIfPresent(bytes);
        if (shared != null) {
            return AttributeValues.copyOf(shared);
        }
        Object value = decode.get();
        if (AttributeValues.isShareable(value)) {
            pristine.put(bytes, AttributeValues.copyOf(value));
        }
        return value;
    }

    /** The decoded form of {@code bytes} that no request has seen, or null if none is kept. */
    Object pristine(byte[] bytes) {
        return pristine.getIfPresent(bytes);
    }
}
