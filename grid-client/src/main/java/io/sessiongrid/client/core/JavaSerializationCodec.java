package io.sessiongrid.client.core;

import io.sessiongrid.client.api.AttributeClassNotAllowedException;
import io.sessiongrid.client.api.AttributeCodec;
import io.sessiongrid.client.api.AttributeDecodeException;
import io.sessiongrid.client.api.AttributeRejectedException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The default codec: Java serialization, guarded on the way in by a {@link ClassAllowlist}. A value whose class,
 * or any class inside it, is not allowed is refused when it is set (so it can never be stored and then be
 * unreadable) and again when it is read (so bytes written by anything else cannot smuggle a class in), before
 * anything of that class is instantiated. Reading is bounded in depth and array sizes (see
 * {@link ClassAllowlist}). Thread safe.
 */
public final class JavaSerializationCodec implements AttributeCodec {
    /** Where encoding starts: the block {@link ObjectOutputStream} hands on at once, so a small value needs no growing. */
    private static final int FIRST_BUFFER = 1024;
    /**
     * An encoder that wrote a value larger than this is dropped after it, not kept: its buffer and handle table stay
     * as large as the largest value it wrote, and a rare large value should not pin that memory.
     */
    private static final int MAX_KEPT_BYTES = 64 << 10;

    private final ClassAllowlist allowlist;
    private final ClassLoader classLoader;
    /**
     * Allowed classes by name, as the application's loader resolved them: {@code Class.forName} for each class of
     * each value decoded was an eighth of decoding a 1 KB cart. Only allowed classes are kept, so the names a stream
     * presents cannot grow it beyond the application's own classes; dropped with this codec.
     */
    private final ConcurrentMap<String, Class<?>> resolved = new ConcurrentHashMap<>();
    /**
     * Idle encoders, a few per core. Building an {@link ObjectOutputStream} (its buffers, its handle table, the stream
     * header) was about a tenth of encoding a 1 KB cart in an application under load, and a request encodes each
     * value it writes. Slots rather than a thread-local, so that nothing of this codec (nor the application's class
     * loader it holds) stays behind on a container's threads once the codec is dropped.
     */
    private final AtomicReferenceArray<Encoder> idle;

    public JavaSerializationCodec(ClassAllowlist allowlist, ClassLoader classLoader) {
        this.allowlist = allowlist;
        this.classLoader = classLoader;
        this.idle = new AtomicReferenceArray<>(Integer.highestOneBit(
                Math.min(64, 2 * Runtime.getRuntime().availableProcessors()) * 2 - 1));
    }

    @Override
    public byte[] encode(String attribute, Object value) {
        if (!(value instanceof Serializable)) {
            throw new AttributeRejectedException(attribute, "attribute \"" + attribute + "\" holds a "
                    + value.getClass().getName() + ", which is not java.io.Serializable; make it Serializable"
                    + " or store a serializable form of it");
        }
        int slot = (int) Thread.currentThread().getId() & (idle.length() - 1);
        Encoder encoder = idle.getAndSet(slot, null);
        try {
            if (encoder == null) {
                encoder = new Encoder();
            }
            byte[] bytes = encoder.encode(attribute, value);
            if (bytes.length <= MAX_KEPT_BYTES) {
                idle.set(slot, encoder);
            }
            return bytes;
        } catch (NotSerializableException e) {
            throw new AttributeRejectedException(attribute, "attribute \"" + attribute + "\" holds a "
                    + value.getClass().getName() + " that refers to a " + e.getMessage()
                    + ", which is not java.io.Serializable; make it Serializable or transient", e);
        } catch (IOException e) {
            throw new AttributeRejectedException(attribute, "attribute \"" + attribute
                    + "\" could not be serialized: " + e, e);
        }
    }

    /** Resolves a class through the application's loader, remembering it when the allowlist allows it. */
    private Class<?> resolve(String name) throws ClassNotFoundException {
        Class<?> known = resolved.get(name);
        if (known != null) {
            return known;
        }
        Class<?> type = Class.forName(name, false, classLoader);
        if (allowlist.allows(type)) {
            resolved.putIfAbsent(name, type);
        }
        return type;
    }

    @Override
    public Object decode(String attribute, byte[] bytes) {
        AtomicReference<ClassAllowlist.Refusal> refused = new AtomicReference<>();
        try (ObjectInputStream in = new AllowlistedInput(bytes)) {
            in.setObjectInputFilter(allowlist.streamFilter(bytes.length, r -> refused.compareAndSet(null, r)));
            return in.readObject();
        } catch (InvalidClassException e) {
            ClassAllowlist.Refusal why = refused.get();
            if (why != null && why.className() != null) {
                throw new AttributeClassNotAllowedException(attribute, why.className());
            }
            if (why != null) {
                throw new AttributeDecodeException(attribute, "attribute \"" + attribute + "\" was refused: it "
                        + why.limit() + "; the other attributes are unaffected", e);
            }
            throw decodeFailure(attribute, e);
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            throw decodeFailure(attribute, e);
        }
    }

    private static AttributeDecodeException decodeFailure(String attribute, Exception e) {
        return new AttributeDecodeException(attribute, "attribute \"" + attribute
                + "\" could not be decoded (" + e + "); the other attributes are unaffected. A missing class"
                + " means this application lacks a class another one stored; damaged bytes mean the value"
                + " was not written by this codec", e);
    }

    /**
     * Refuses, as it writes them, classes the reader would refuse: every class of the value's graph passes through
     * {@link #annotateClass} once, so a disallowed class nested anywhere is named before the value is stored.
     */
    private final class AllowlistedOutput extends ObjectOutputStream {
        /** The attribute being written and its value, for the refusal's message. */
        private String attribute;
        private Object value;

        AllowlistedOutput(OutputStream out) throws IOException {
            super(out);
        }

        @Override
        protected void annotateClass(Class<?> type) {
            if (!allowlist.allows(type)) {
                String where = type == value.getClass() ? "" : " inside its " + value.getClass().getName();
                throw new AttributeRejectedException(attribute, "attribute \"" + attribute + "\" holds a "
                        + type.getName() + where + ", which is not on the deserialization allowlist; add its package"
                        + " to session.allowed-classes if it is trusted");
            }
        }

        @Override
        protected void annotateProxyClass(Class<?> type) {
            throw new AttributeRejectedException(attribute, "attribute \"" + attribute + "\" holds a proxy ("
                    + type.getName() + "); proxies cannot be stored, store the object behind it");
        }
    }

    /**
     * One {@link ObjectOutputStream} kept for value after value, each written as a stream of its own: the header the
     * stream wrote when it was built, then the value, and a reset between values so that the next one refers to
     * nothing of the last. The bytes are those a new stream would write for the value. An encoder whose write failed
     * is dropped, since the stream may be left mid-object. Used by one thread at a time.
     */
    private final class Encoder {
        private final ValueBytes bytes = new ValueBytes(FIRST_BUFFER);
        private final AllowlistedOutput out;
        private final int headerLength;

        Encoder() throws IOException {
            out = new AllowlistedOutput(bytes);
            out.flush();
            headerLength = bytes.length;
        }

        byte[] encode(String attribute, Object value) throws IOException {
            out.attribute = attribute;
            out.value = value;
            out.writeObject(value);
            out.flush();
            byte[] encoded = bytes.toByteArray();
            out.attribute = null;
            out.value = null;
            // The reset marker lands after the value and is cut off with it.
            out.reset();
            out.flush();
            bytes.length = headerLength;
            return encoded;
        }
    }

    /** Resolves classes through the application's loader, not the one that loaded this library. */
    private final class AllowlistedInput extends ObjectInputStream {
        AllowlistedInput(byte[] bytes) throws IOException {
            super(new ByteArrayInputStream(bytes));
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            try {
                return resolve(desc.getName());
            } catch (ClassNotFoundException e) {
                return super.resolveClass(desc);
            }
        }
    }

    /**
     * The encoded value: unsynchronized (one encoding owns it), doubling when full and trimmed by one copy at the end.
     * A {@code ByteArrayOutputStream} of 256 bytes locked each write and grew twice for a 1 KB value: about a fifth
     * of encoding one. Not thread safe.
     */
    private static final class ValueBytes extends OutputStream {
        private byte[] buffer;
        private int length;

        ValueBytes(int capacity) {
            buffer = new byte[capacity];
        }

        @Override
        public void write(int b) {
            ensureRoom(1);
            buffer[length++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int offset, int count) {
            Objects.checkFromIndexSize(offset, count, b.length);
            ensureRoom(count);
            System.arraycopy(b, offset, buffer, length, count);
            length += count;
        }

        private void ensureRoom(int count) {
            int needed = length + count;
            if (needed < 0) {
                throw new OutOfMemoryError("an attribute value over 2 GB cannot be encoded");
            }
            if (needed > buffer.length) {
                int doubled = (int) Math.min(Integer.MAX_VALUE - 8, 2L * buffer.length);
                buffer = Arrays.copyOf(buffer, Math.max(needed, doubled));
            }
        }

        byte[] toByteArray() {
            return Arrays.copyOf(buffer, length);
        }
    }
}
