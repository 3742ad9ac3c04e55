package io.sessiongrid.client.core;

import io.sessiongrid.client.api.SessionId;
import io.sessiongrid.client.api.SessionIdGenerator;

import java.nio.charset.StandardCharsets;
import java.security.DrbgParameters;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * Ids of 256 bits from the platform's DRBG (NIST SP 800-90A) at 256-bit strength, seeded from the operating system
 * once, when this is made. After that an id costs no system call: the platform's default generator on Linux reads
 * {@code /dev/urandom} for every id, a file read on an event loop that a non-blocking server must not make. Thread
 * safe.
 */
public final class SecureRandomIdGenerator implements SessionIdGenerator {
    private final SecureRandom random;

    public SecureRandomIdGenerator() {
        try {
            random = SecureRandom.getInstance("DRBG", DrbgParameters.instantiation(256, DrbgParameters.Capability
                    .RESEED_ONLY, "sessiongrid session ids".getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no DRBG SecureRandom (Java 9 and later have one): " + e, e);
        }
        // The DRBG seeds itself at its first use: do it now, not on a request's thread.
        random.nextBytes(new byte[SessionId.RANDOM_BYTES]);
    }

    @Override
    public SessionId next() {
        byte[] bytes = new byte[SessionId.RANDOM_BYTES];
        random.nextBytes(bytes);
        return SessionId.fromRandomBytes(bytes);
    }
}
