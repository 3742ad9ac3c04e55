package io.sessiongrid.client.core;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * A session record as bytes that outlive every member: the durable form a database keeps. Self-describing (a
 * leading format number) and independent of Hazelcast's serialization, whose Compact schemas live only as long as
 * the cluster that registered them. Attribute values are copied as stored (encrypted when encryption is on), so
 * the bytes tell a database nothing that the grid keeps sealed. A forwarding record has no durable form: it only
 * exists for a retried id change. Stateless and thread safe.
 */
public final class RecordBytes {
    private static final int FORMAT = 1;
    /** More attributes or write ids than any record can hold: the bytes are not a record. */
    private static final int SANE_COUNT = 1 << 20;

    private RecordBytes() {
    }

    /** @throws IllegalArgumentException for a forwarding record */
    public static byte[] encode(SessionRecord record) {
        if (record.isForwarding()) {
            throw new IllegalArgumentException("a forwarding record is never stored durably");
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128 + (int) Math.min(record.storedBytes(), 1 << 24));
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeUTF(record.key());
            out.writeLong(record.createdAt());
            out.writeLong(record.lastAccessedAt());
            out.writeLong(record.maxInactiveMillis());
            out.writeLong(record.deadline());
            out.writeBoolean(record.principal() != null);
            if (record.principal() != null) {
                out.writeUTF(record.principal());
            }
            out.writeInt(record.attributes().size());
            for (Map.Entry<String, byte[]> e : record.attributes().entrySet()) {
                out.writeUTF(e.getKey());
                out.writeInt(e.getValue().length);
                out.write(e.getValue());
            }
            out.writeLong(record.version());
            out.writeInt(record.recentWrites().length);
            for (long id : record.recentWrites()) {
                out.writeLong(id);
            }
            out.writeLong(record.contentVersion());
            byte[] seal = record.seal();
            out.writeInt(seal == null ? -1 : seal.length);
            if (seal != null) {
                out.write(seal);
            }
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return bytes.toByteArray();
    }

    /** @throws IllegalArgumentException if the bytes are not a record of a format this version reads */
    public static SessionRecord decode(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            int format = in.readUnsignedByte();
            if (format != FORMAT) {
                throw new IllegalArgumentException("a stored session record has format " + format + "; this version"
                        + " reads format " + FORMAT + " only: run the grid-client version that wrote it");
            }
            String key = in.readUTF();
            long createdAt = in.readLong();
            long lastAccessedAt = in.readLong();
            long maxInactive = in.readLong();
            long deadline = in.readLong();
            String principal = in.readBoolean() ? in.readUTF() : null;
            int count = count(in.readInt());
            Map<String, byte[]> attributes = new HashMap<>(count * 2);
            for (int i = 0; i < count; i++) {
                String name = in.readUTF();
                byte[] value = new byte[count(in.readInt())];
                in.readFully(value);
                attributes.put(name, value);
            }
            long version = in.readLong();
            long[] writes = new long[count(in.readInt())];
            for (int i = 0; i < writes.length; i++) {
                writes[i] = in.readLong();
            }
            long contentVersion = in.readLong();
            int sealLength = in.readInt();
            byte[] seal = null;
            if (sealLength >= 0) {
                seal = new byte[count(sealLength)];
                in.readFully(seal);
            }
            if (in.read() != -1) {
                throw new IllegalArgumentException("a stored session record has bytes after its end");
            }
            return new SessionRecord(key, createdAt, lastAccessedAt, maxInactive, deadline, principal, attributes,
                    version, writes, null, contentVersion, seal);
        } catch (IOException truncated) {
            throw new IllegalArgumentException("a stored session record is cut short (" + truncated + ")", truncated);
        }
    }

    private static int count(int n) {
        if (n < 0 || n > SANE_COUNT * 64) {
            throw new IllegalArgumentException("a stored session record holds an impossible length " + n);
        }
        return n;
    }
}
