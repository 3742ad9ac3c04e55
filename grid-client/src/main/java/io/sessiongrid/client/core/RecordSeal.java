package io.sessiongrid.client.core;

import io.sessiongrid.client.api.EncryptionKeys;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Authenticates what a record says beside its sealed values, under the encryption keys: an HMAC-SHA256 (truncated to
 * 128 bits) over the session key, the principal, the idle limit, the content version and, for every attribute,
 * its name and the GCM tag of its sealed value. So with encryption on, anything that can write to the grid but has
 * no key can neither make a session up, nor give one another principal, nor swap, move or roll back one of its
 * values without the seal failing. A seal is {@code [key id][16 bytes]}; the MAC key of each encryption key is
 * derived from it, so one key never serves two algorithms. Times are the owner's and are not sealed: an owner
 * decides them, and anyone who reaches the grid can touch a session anyway. Thread safe.
 */
public final class RecordSeal {
    private static final int MAC_BYTES = 16;
    private static final int TAG_BYTES = 16;
    private static final byte[] DERIVATION = "sessiongrid/record-seal/v1".getBytes(StandardCharsets.UTF_8);

    private final EncryptionKeys keys;
    private final Map<Integer, SecretKeySpec> macKeys = new HashMap<>();

    /** @param keys the encryption keys, or null: records are then not sealed */
    public RecordSeal(EncryptionKeys keys) {
        this.keys = keys;
        if (keys != null) {
            for (int id = 1; id <= 255; id++) {
                int keyId = id;
                keys.key(id).ifPresent(k -> macKeys.put(keyId, new SecretKeySpec(hmac(new SecretKeySpec(k,
                        "HmacSHA256"), DERIVATION), "HmacSHA256")));
            }
        }
    }

    public boolean isOn() {
        return keys != null;
    }

    /** The record with its seal under the current key; unchanged when sealing is off. */
    public SessionRecord sealed(SessionRecord record) {
        if (keys == null || record.isForwarding()) {
            return record;
        }
        int keyId = keys.currentId();
        byte[] seal = new byte[1 + MAC_BYTES];
        seal[0] = (byte) keyId;
        System.arraycopy(mac(keyId, record), 0, seal, 1, MAC_BYTES);
        return record.withSeal(seal);
    }

    /** Whether the record's seal is intact (always, when sealing is off). */
    public boolean holds(SessionRecord record) {
        if (keys == null) {
            return true;
        }
        byte[] seal = record.seal();
        if (seal == null || seal.length != 1 + MAC_BYTES || !macKeys.containsKey(seal[0] & 0xFF)) {
            return false;
        }
        return MessageDigest.isEqual(Arrays.copyOfRange(seal, 1, seal.length), mac(seal[0] & 0xFF, record));
    }

    private byte[] mac(int keyId, SessionRecord r) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + 32 * r.attributes().size());
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(r.key());
            out.writeBoolean(r.principal() != null);
            out.writeUTF(r.principal() == null ? "" : r.principal());
            out.writeLong(r.maxInactiveMillis());
            out.writeLong(r.contentVersion());
            out.writeInt(r.attributes().size());
            for (Map.Entry<String, byte[]> e : new TreeMap<>(r.attributes()).entrySet()) {
                out.writeUTF(e.getKey());
                byte[] value = e.getValue();
                int from = Math.max(0, value.length - TAG_BYTES);
                out.writeInt(value.length);
                out.write(value, from, value.length - from);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Arrays.copyOf(hmac(macKeys.get(keyId), bytes.toByteArray()), MAC_BYTES);
    }

    private static byte[] hmac(SecretKeySpec key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM: " + e.getMessage(), e);
        }
    }
}
