package io.sessiongrid.client.api;

import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The AES keys that encrypt attribute values: one current key, which every new write uses, and older keys kept
 * so that values written before a rotation stay readable. Each value records the id (1-255) of the key that
 * sealed it. Keys are 16, 24 or 32 bytes. Immutable; {@link #toString()} never shows a key.
 */
public final class EncryptionKeys {
    private final int currentId;
    private final Map<Integer, byte[]> keys;

    private EncryptionKeys(int currentId, Map<Integer, byte[]> keys) {
        this.currentId = currentId;
        this.keys = keys;
    }

    /** @throws IllegalArgumentException if an id is outside 1-255, a key is not 16, 24 or 32 bytes, or the
     *         current id has no key */
    public static EncryptionKeys of(int currentId, Map<Integer, byte[]> keys) {
        Map<Integer, byte[]> copy = new LinkedHashMap<>();
        keys.forEach((id, key) -> {
            if (id == null || id < 1 || id > 255) {
                throw new IllegalArgumentException("session.encryption.keys: key ids are 1-255, got " + id);
            }
            if (key == null || (key.length != 16 && key.length != 24 && key.length != 32)) {
                throw new IllegalArgumentException("session.encryption.keys: key " + id + " must be 16, 24 or 32"
                        + " bytes (AES-128, -192 or -256), got " + (key == null ? 0 : key.length));
            }
            copy.put(id, key.clone());
        });
        if (!copy.containsKey(currentId)) {
            throw new IllegalArgumentException("session.encryption.keys: the current key " + currentId
                    + " is not among the keys " + copy.keySet());
        }
        return new EncryptionKeys(currentId, Collections.unmodifiableMap(copy));
    }

    /**
     * Reads {@code id:base64,id:base64,...}, the first being the current key: rotating means putting a new key
     * first and keeping the old ones after it until the sessions they sealed have expired.
     *
     * @throws IllegalArgumentException naming the parameter, never repeating a key
     */
    public static EncryptionKeys parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("session.encryption.keys is empty; write id:base64-key[,id:base64-key]");
        }
        Map<Integer, byte[]> keys = new LinkedHashMap<>();
        Integer current = null;
        for (String entry : text.split(",")) {
            String[] parts = entry.trim().split(":", 2);
            int id;
            byte[] key;
            try {
                id = Integer.parseInt(parts[0].trim());
                key = Base64.getDecoder().decode(parts.length == 2 ? parts[1].trim() : "");
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("session.encryption.keys: each entry is id:base64-key (for example"
                        + " 2:" + "A".repeat(43) + "=), an entry is not");
            }
            if (keys.put(id, key) != null) {
                throw new IllegalArgumentException("session.encryption.keys: key id " + id + " appears twice");
            }
            if (current == null) {
                current = id;
            }
        }
        return of(current, keys);
    }

    public int currentId() {
        return currentId;
    }

    /** A copy of the key with this id, if configured. */
    public Optional<byte[]> key(int id) {
        byte[] key = keys.get(id);
        return key == null ? Optional.empty() : Optional.of(key.clone());
    }

    @Override
    public String toString() {
        return "EncryptionKeys[current=" + currentId + ", ids=" + keys.keySet() + "]";
    }
}
