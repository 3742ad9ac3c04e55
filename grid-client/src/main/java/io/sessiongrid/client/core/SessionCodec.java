package io.sessiongrid.client.core;

import io.sessiongrid.client.api.AttributeCodec;
import io.sessiongrid.client.api.AttributeDecodeException;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * The codec of one session's values: the store's codec (framed, compressed over the threshold), then sealed
 * when encryption is on, bound to the session key that seals them. Tells the store's observers of every value
 * that fails to decode. Thread safe.
 */
final class SessionCodec {
    private final AttributeCodec codec;
    private final AttributeSealer sealer;
    private final String sessionKey;
    private final Consumer<String> decodeFailed;

    SessionCodec(AttributeCodec codec, AttributeSealer sealer, String sessionKey, Consumer<String> decodeFailed) {
        this.codec = codec;
        this.sealer = sealer;
        this.sessionKey = sessionKey;
        this.decodeFailed = decodeFailed;
    }

    byte[] encode(String attribute, Object value) {
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

    /** Whether the value encodes to what is stored: compared before sealing, since every seal differs. */
    boolean matches(String attribute, byte[] stored, Object value) {
        try {
            byte[] plain = sealer.isOn() ? sealer.open(sessionKey, attribute, stored) : stored;
            return Arrays.equals(plain, codec.encode(attribute, value));
        } catch (RuntimeException cannotCompare) {
            return false;
        }
    }
}
