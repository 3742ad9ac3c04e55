package io.sessiongrid.client.core;

import io.sessiongrid.client.api.AttributeCodec;
import io.sessiongrid.client.api.AttributeDecodeException;
import io.sessiongrid.client.api.AttributeTooLargeException;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * Frames another codec's bytes and deflates (the JDK's zlib) those over a threshold when that makes them
 * smaller. The first byte of every stored value says which: {@code 0} plain, {@code 1} deflated with the
 * plain length in the next four bytes. A value over the plain bound is refused when written; on reading,
 * inflating grows its buffer only as far as the data really inflates, never beyond the bound, so a frame that
 * claims a large length costs no more than what it contains. Thread safe.
 */
public final class CompressingCodec implements AttributeCodec {
    private static final byte PLAIN = 0;
    private static final byte DEFLATED = 1;
    private static final int FIRST_BUFFER = 4096;

    private final AttributeCodec inner;
    private final int thresholdBytes;
    private final int maxPlainBytes;

    public CompressingCodec(AttributeCodec inner, int thresholdBytes, int maxPlainBytes) {
        this.inner = inner;
        this.thresholdBytes = thresholdBytes;
        this.maxPlainBytes = maxPlainBytes;
    }

    @Override
    public byte[] encode(String attribute, Object value) {
        byte[] plain = inner.encode(attribute, value);
        if (plain.length > maxPlainBytes) {
            throw AttributeTooLargeException.uncompressed(attribute, plain.length, maxPlainBytes);
        }
        if (plain.length > thresholdBytes) {
            byte[] deflated = deflate(plain);
            if (deflated.length + 5 < plain.length) {
                return ByteBuffer.allocate(5 + deflated.length).put(DEFLATED).putInt(plain.length).put(deflated)
                        .array();
            }
        }
        byte[] framed = new byte[plain.length + 1];
        framed[0] = PLAIN;
        System.arraycopy(plain, 0, framed, 1, plain.length);
        return framed;
    }

    @Override
    public Object decode(String attribute, byte[] bytes) {
        if (bytes.length == 0) {
            throw damaged(attribute, "empty value", null);
        }
        if (bytes[0] == PLAIN) {
            return inner.decode(attribute, Arrays.copyOfRange(bytes, 1, bytes.length));
        }
        if (bytes[0] == DEFLATED && bytes.length >= 5) {
            int plainLength = ByteBuffer.wrap(bytes, 1, 4).getInt();
            if (plainLength < 0 || plainLength > maxPlainBytes) {
                throw damaged(attribute, "claims " + plainLength + " bytes uncompressed, over the bound of "
                        + maxPlainBytes, null);
            }
            return inner.decode(attribute, inflate(attribute, bytes, plainLength));
        }
        throw damaged(attribute, "unknown frame " + bytes[0], null);
    }

    private static byte[] deflate(byte[] plain) {
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        try {
            deflater.setInput(plain);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(plain.length / 2);
            byte[] buffer = new byte[8192];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    private static byte[] inflate(String attribute, byte[] framed, int plainLength) {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(framed, 5, framed.length - 5);
            byte[] plain = new byte[Math.min(plainLength, FIRST_BUFFER)];
            int n = 0;
            while (!inflater.finished()) {
                if (n == plain.length) {
                    if (n == plainLength) {
                        throw damaged(attribute, "inflates to more than the " + plainLength + " bytes it claims", null);
                    }
                    plain = Arrays.copyOf(plain, (int) Math.min(plainLength, 2L * plain.length));
                }
                int got = inflater.inflate(plain, n, plain.length - n);
                if (got == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw damaged(attribute, "deflate data ends before the " + plainLength + " bytes it claims",
                            null);
                }
                n += got;
            }
            if (n != plainLength) {
                throw damaged(attribute, "inflated to " + n + " bytes, not the " + plainLength + " it claims", null);
            }
            return plain;
        } catch (DataFormatException e) {
            throw damaged(attribute, "deflate data is damaged", e);
        } finally {
            inflater.end();
        }
    }

    private static AttributeDecodeException damaged(String attribute, String why, Throwable cause) {
        return new AttributeDecodeException(attribute, "attribute \"" + attribute + "\" could not be decoded: "
                + why + "; the other attributes are unaffected", cause);
    }
}
