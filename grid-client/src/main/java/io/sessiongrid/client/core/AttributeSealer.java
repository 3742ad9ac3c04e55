package io.sessiongrid.client.core;

import io.sessiongrid.client.api.AttributeDecodeException;
import io.sessiongrid.client.api.EncryptionKeys;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;

/**
 * Seals attribute values with AES-GCM: a fresh 96-bit nonce per value, a 128-bit tag, and the session key and
 * attribute name as associated data, so a value cannot be altered, nor moved to another session or attribute,
 * without failing to open. A sealed value is {@code [2][key id][nonce][ciphertext + tag]}; the frame byte sits
 * beside the compressing codec's frames 0 and 1, so a store without keys recognises a sealed value. Thread safe.
 */
public final class AttributeSealer {
    static final byte SEALED = 2;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int HEADER_BYTES = 2 + NONCE_BYTES;

    private final EncryptionKeys keys;
    private final Map<Integer, SecretKeySpec> specs = new HashMap<>();
    private final SecureRandom random = new SecureRandom();

    /** @param keys the keys, or null: values are then stored as the codec makes them */
    public AttributeSealer(EncryptionKeys keys) {
        this.keys = keys;
        if (keys != null) {
            for (int id = 1; id <= 255; id++) {
                int keyId = id;
                keys.key(id).ifPresent(k -> specs.put(keyId, new SecretKeySpec(k, "AES")));
            }
        }
    }

    public boolean isOn() {
        return keys != null;
    }

    public byte[] seal(String sessionKey, String attribute, byte[] framed) {
        if (keys == null) {
            return framed;
        }
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, keys.currentId(), nonce, sessionKey, attribute);
            ByteBuffer out = ByteBuffer.allocate(HEADER_BYTES + cipher.getOutputSize(framed.length));
            out.put(SEALED).put((byte) keys.currentId()).put(nonce);
            cipher.doFinal(ByteBuffer.wrap(framed), out);
            return out.array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM: " + e.getMessage(), e);
        }
    }

    /** @throws AttributeDecodeException if the value is sealed and cannot be opened, or is plain and should not be */
    public byte[] open(String sessionKey, String attribute, byte[] stored) {
        boolean sealed = stored.length > 0 && stored[0] == SEALED;
        if (keys == null) {
            if (sealed) {
                throw new AttributeDecodeException(attribute, "attribute \"" + attribute + "\" is encrypted, and this"
                        + " store has no encryption keys; configure session.encryption.keys as the writers do", null);
            }
            return stored;
        }
        if (!sealed) {
            throw new AttributeDecodeException(attribute, "attribute \"" + attribute + "\" is not encrypted, and this"
                    + " store accepts only encrypted values (session.encryption.keys is set): it was written by a"
                    + " store without keys, or placed in the grid by other means", null);
        }
        if (stored.length < HEADER_BYTES + TAG_BITS / 8) {
            throw new AttributeDecodeException(attribute, "attribute \"" + attribute + "\" is damaged: "
                    + stored.length + " bytes is too short for an encrypted value", null);
        }
        int keyId = stored[1] & 0xFF;
        if (!specs.containsKey(keyId)) {
            throw new AttributeDecodeException(attribute, "attribute \"" + attribute + "\" was encrypted with key "
                    + keyId + ", which this store does not have; keep that key in session.encryption.keys until"
                    + " the sessions it sealed have expired", null);
        }
        byte[] nonce = new byte[NONCE_BYTES];
        System.arraycopy(stored, 2, nonce, 0, NONCE_BYTES);
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, keyId, nonce, sessionKey, attribute);
            return cipher.doFinal(stored, HEADER_BYTES, stored.length - HEADER_BYTES);
        } catch (AEADBadTagException e) {
            throw new AttributeDecodeException(attribute, "attribute \"" + attribute + "\" failed authentication"
                    + " with key " + keyId + ": the key differs from the writer's, or the value was altered or moved"
                    + " from another session or attribute", e);
        } catch (GeneralSecurityException e) {
            throw new AttributeDecodeException(attribute, "attribute \"" + attribute + "\" cannot be decrypted: "
                    + e.getMessage(), e);
        }
    }

    /** Moves sealed values to a new session key (an id change): opened with the old key's data, sealed anew. */
    public byte[] reseal(String fromSessionKey, String toSessionKey, String attribute, byte[] stored) {
        return keys == null ? stored : seal(toSessionKey, attribute, open(fromSessionKey, attribute, stored));
    }

    private Cipher cipher(int mode, int keyId, byte[] nonce, String sessionKey, String attribute)
            throws GeneralSecurityException {
        // Cipher instances are not thread safe; a fresh one per value costs about a microsecond.
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, specs.get(keyId), new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(("sessiongrid/v1\u0000" + sessionKey + "\u0000" + attribute).getBytes(StandardCharsets.UTF_8));
        return cipher;
    }
}
