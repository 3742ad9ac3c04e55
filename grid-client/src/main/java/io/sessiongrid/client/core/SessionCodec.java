package io.sessiongrid.client.core;

import io.sessiongrid.client.api.AttributeCodec;
import io.sessiongrid.client.api.AttributeDecodeException;
import io.sessiongrid.client.api.AttributeRejectedException;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * The codec of one session's values: the store's codec (framed, compressed over the threshold), then sealed
 * when encryption is on, bound to the session key that seals them. A value is refused at write time unless it
 * reads back as it would be read from the grid, so nothing accepted is unreadable later. Tells the store's
 * observers of every value that fails to decode. Thread safe.
 */
final class SessionCodec {
    private final AttributeCodec codec;
    private final AttributeSealer sealer;
    private final String sessionKey;
    private final Consumer<String> decodeFailed;
    private final DecodedValues shared;
    private final boolean verifiedByShape;

    /**
     * @param verifiedByShape whether a plain value needs no read-back before it is written: true for the default
     *                        codec, whose reader a plain value within the depth limit always satisfies (its classes
     *                        were checked against the allowlist as it was written)
     */
    SessionCodec(AttributeCodec codec, AttributeSealer sealer, String sessionKey, Consumer<String> decodeFailed,
                 DecodedValues shared, boolean verifiedByShape) {
        this.verifiedByShape = verifiedByShape;
        this.codec = codec;
        this.sealer = sealer;
        this.sessionKey = sessionKey;
        this.decodeFailed = decodeFailed;
        this.shared = shared;
    }

    /**
     * The stored form of a value to be written. A value that is not a plain JDK value is read back once first
     * (classes inside it, its depth, its size), since a refusal on read would make it unreadable for good.
     *
     * @throws AttributeRejectedException if the value cannot be stored or would not read back
     */
    byte[] encode(String attribute, Object value) {
        byte[] framed = codec.encode(attribute, value);
        boolean plain = shared.plain().isPlain(value);
        if (!AttributeValues.isImmutable(value) && !(verifiedByShape && plain)) {
            try {
                codec.decode(attribute, framed);
            } catch (AttributeDecodeException unreadable) {
                throw new AttributeRejectedException(attribute, "attribute \"" + attribute + "\" holds a "
                        + value.getClass().getName() + " that would not read back once stored, so nothing was"
                        + " written: " + unreadable.getMessage(), unreadable);
            }
        }
        byte[] stored = sealer.seal(sessionKey, attribute, framed);
        shared.wrote(sessionKey, attribute, stored, value, plain);
        return stored;
    }

    /** The stored form without the read-back check: for comparisons and local baselines only, never sent. */
    byte[] encodeUnchecked(String attribute, Object value) {
        return sealer.seal(sessionKey, attribute, codec.encode(attribute, value));
    }

    Object decode(String attribute, byte[] stored) {
        try {
            return codec.decode(attribute, sealer.open(sessionKey, attribute, stored));
        } catch (AttributeDecodeException e) {
            decodeFailed.accept(attribute);
            throw e;
        }
    }

    /**
     * Whether the value encodes to what is stored, compared before sealing (every seal differs). An encoding can
     * differ from the stored bytes while the value is the same: a {@code HashMap}'s form records its table size,
     * which depends on its history, so a map read back encodes with another size than it was stored with. Then the
     * value is compared with the stored value as this JVM encodes it once decoded (kept per stored bytes), so an
     * unchanged value never reads as changed.
     */
    boolean matches(String attribute, byte[] stored, Object value) {
        try {
            byte[] plain = sealer.isOn() ? sealer.open(sessionKey, attribute, stored) : stored;
            byte[] now = codec.encode(attribute, value);
            if (Arrays.equals(plain, now)) {
                return true;
            }
            byte[] canonical = shared.canonical(stored, () -> codec.encode(attribute, codec.decode(attribute, plain)));
            return Arrays.equals(canonical, now);
        } catch (RuntimeException cannotCompare) {
            return false;
        }
    }
}
