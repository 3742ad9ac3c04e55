package io.sessiongrid.client.core;

import io.sessiongrid.client.api.SessionId;
import io.sessiongrid.client.api.SessionIdGenerator;

import java.security.SecureRandom;

/** Ids of 256 bits from the platform's non-blocking {@link SecureRandom}. Thread safe. */
public final class SecureRandomIdGenerator implements SessionIdGenerator {
    private final SecureRandom random = new SecureRandom();

    @Override
    public SessionId next() {
        byte[] bytes = new byte[SessionId.RANDOM_BYTES];
        random.nextBytes(bytes);
        return SessionId.fromRandomBytes(bytes);
    }
}
