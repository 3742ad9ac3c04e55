package io.sessiongrid.client.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/**
 * A session token as it travels to and from the browser: 256 random bits in URL-safe Base64 without padding,
 * 43 characters. Immutable and thread safe.
 *
 * <p>The grid never stores the token itself, only its {@link #key() key} (a SHA-256 hash), so no member's
 * memory, log line or map listing holds a usable token. {@link #toString()} shows the abbreviated key, never the
 * token; {@link #value()} is the one way to the token, for writing it to a cookie or header.
 */
public final class SessionId {
    /** Length of every id in characters. */
    public static final int LENGTH = 43;
    /** Random bytes behind every id. */
    public static final int RANDOM_BYTES = 32;

    /** Only ever cloned (see {@link #freshSha256}). */
    private static final MessageDigest SHA_256 = newSha256();

    private final String value;
    private volatile SessionKey key;

    private SessionId(String value) {
        this.value = value;
    }

    /**
     * Checks a presented id without any grid call.
     *
     * @throws MalformedSessionIdException if the text is not exactly 43 URL-safe Base64 characters that encode
     *         32 bytes; the message never repeats the text
     */
    public static SessionId parse(String text) {
        if (text == null) {
            throw new MalformedSessionIdException("session id is missing");
        }
        if (text.length() != LENGTH) {
            throw new MalformedSessionIdException("session id must be " + LENGTH + " characters, got "
                    + text.length());
        }
        for (int i = 0; i < LENGTH; i++) {
            if (sextet(text.charAt(i)) < 0) {
                throw new MalformedSessionIdException("session id has a character outside URL-safe Base64 at "
                        + "position " + i);
            }
        }
        // 43 characters carry 258 bits; an id made from 32 bytes leaves the last two bits zero.
        if ((sextet(text.charAt(LENGTH - 1)) & 0b11) != 0) {
            throw new MalformedSessionIdException("session id does not encode " + RANDOM_BYTES + " bytes");
        }
        return new SessionId(text);
    }

    /** Makes the id for 32 random bytes; the generator's job is to make them unpredictable. */
    public static SessionId fromRandomBytes(byte[] random) {
        if (random.length != RANDOM_BYTES) {
            throw new IllegalArgumentException("a session id needs " + RANDOM_BYTES + " random bytes, got "
                    + random.length);
        }
        return new SessionId(Base64.getUrlEncoder().withoutPadding().encodeToString(random));
    }

    /** The token, for the cookie or header. Never log it. */
    public String value() {
        return value;
    }

    /** The map key under which the grid stores this session: SHA-256 of the token, URL-safe Base64. */
    public SessionKey key() {
        SessionKey k = key;
        if (k == null) {
            k = SessionKey.of(sha256(value));
            key = k;
        }
        return k;
    }

    private static String sha256(String token) {
        byte[] digest = freshSha256().digest(token.getBytes(StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }

    /**
     * A digest of its own for one hash. Cloning the untouched prototype skips the provider lookup of
     * {@link MessageDigest#getInstance}, which cost most of the key's time on every request (two thirds of it in an
     * application profile); the prototype itself is never updated, so concurrent clones only read it.
     */
    private static MessageDigest freshSha256() {
        try {
            return (MessageDigest) SHA_256.clone();
        } catch (CloneNotSupportedException providerWithoutClone) {
            return newSha256();
        }
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }

    /**
     * Each ASCII character's value in URL-safe Base64, or -1. A table rather than range tests: the characters of a
     * random id fall in the three ranges at random, so the tests' branches were often mispredicted, on every request
     * that presents an id.
     */
    private static final byte[] SEXTETS = sextets();

    private static byte[] sextets() {
        byte[] table = new byte[128];
        Arrays.fill(table, (byte) -1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (int i = 0; i < alphabet.length(); i++) {
            table[alphabet.charAt(i)] = (byte) i;
        }
        return table;
    }

    private static int sextet(char c) {
        return c < SEXTETS.length ? SEXTETS[c] : -1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SessionId other && other.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    /** The abbreviated key: safe to log. */
    @Override
    public String toString() {
        return "SessionId[key=" + key().abbreviated() + "]";
    }
}
