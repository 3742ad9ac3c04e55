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
 * The default codec: Java serialization, guarded on the way in by a {@link ClassAllowlist}. A value whose class
 * is not allowed is refused when it is set (so it can never be stored and then be unreadable) and again when
 * it is read (so bytes written by anything else cannot smuggle a class in). Thread safe.
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
        if (!allowlist.allows(value.getClass())) {
            throw new AttributeRejectedException(attribute, "attribute \"" + attribute + "\" holds a "
                    + value.getClass().getName() + ", which is not on the deserialization allowlist; add its"
                    + " package to session.allowed-classes if it is trusted");
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
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
        AtomicReference<String> rejected = new AtomicReference<>();
        try (ObjectInputStream in = new AllowlistedInput(bytes, classLoader)) {
            in.setObjectInputFilter(allowlist.streamFilter(name -> rejected.compareAndSet(null, name)));
            return in.readObject();
        } catch (InvalidClassException e) {
            if (rejected.get() != null) {
                throw new AttributeClassNotAllowedException(attribute, rejected.get());
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
