package io.sessiongrid.client.core;

import io.sessiongrid.client.api.AttributeClassNotAllowedException;
import io.sessiongrid.client.api.AttributeCodec;
import io.sessiongrid.client.api.AttributeDecodeException;
import io.sessiongrid.client.api.AttributeRejectedException;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The default codec: Java serialization, guarded on the way in by a {@link ClassAllowlist}. A value whose class,
 * or any class inside it, is not allowed is refused when it is set (so it can never be stored and then be
 * unreadable) and again when it is read (so bytes written by anything else cannot smuggle a class in), before
 * anything of that class is instantiated. Reading is bounded in depth and array sizes (see
 * {@link ClassAllowlist}). Thread safe.
 */
public final class JavaSerializationCodec implements AttributeCodec {
    private final ClassAllowlist allowlist;
    private final ClassLoader classLoader;

    public JavaSerializationCodec(ClassAllowlist allowlist, ClassLoader classLoader) {
        this.allowlist = allowlist;
        this.classLoader = classLoader;
    }

    @Override
    public byte[] encode(String attribute, Object value) {
        if (!(value instanceof Serializable)) {
            throw new AttributeRejectedException(attribute, "attribute \"" + attribute + "\" holds a "
                    + value.getClass().getName() + ", which is not java.io.Serializable; make it Serializable"
                    + " or store a serializable form of it");
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (ObjectOutputStream out = new AllowlistedOutput(bytes, attribute, value)) {
            out.writeObject(value);
        } catch (NotSerializableException e) {
            throw new AttributeRejectedException(attribute, "attribute \"" + attribute + "\" holds a "
                    + value.getClass().getName() + " that refers to a " + e.getMessage()
                    + ", which is not java.io.Serializable; make it Serializable or transient", e);
        } catch (IOException e) {
            throw new AttributeRejectedException(attribute, "attribute \"" + attribute
                    + "\" could not be serialized: " + e, e);
        }
        return bytes.toByteArray();
    }

    @Override
    public Object decode(String attribute, byte[] bytes) {
        AtomicReference<ClassAllowlist.Refusal> refused = new AtomicReference<>();
        try (ObjectInputStream in = new AllowlistedInput(bytes, classLoader)) {
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
        private final String attribute;
        private final Object value;

        AllowlistedOutput(ByteArrayOutputStream out, String attribute, Object value) throws IOException {
            super(out);
            this.attribute = attribute;
            this.value = value;
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

    /** Resolves classes through the application's loader, not the one that loaded this library. */
    private static final class AllowlistedInput extends ObjectInputStream {
        private final ClassLoader loader;

        AllowlistedInput(byte[] bytes, ClassLoader loader) throws IOException {
            super(new ByteArrayInputStream(bytes));
            this.loader = loader;
        }

        @Override
        protected Class<?> resolveClass(java.io.ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            try {
                return Class.forName(desc.getName(), false, loader);
            } catch (ClassNotFoundException e) {
                return super.resolveClass(desc);
            }
        }
    }
}
