package io.sessiongrid.spring.session;

import io.sessiongrid.client.api.Session;
import io.sessiongrid.client.api.SessionId;
import io.sessiongrid.client.api.SessionInfo;
import io.sessiongrid.client.api.SessionKey;
import io.sessiongrid.client.api.StoredValues;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * A session as the principal index describes it: its key in place of its id (the grid never lists ids), its
 * times, principal and attribute names, and no values. Immutable.
 */
record IndexedSession(SessionInfo info) implements Session {
    /** The key, in the id's place: it has the same form, and it is what {@code deleteById} accepts. */
    @Override
    public SessionId id() {
        return SessionId.parse(info.key().value());
    }

    @Override
    public SessionKey key() {
        return info.key();
    }

    @Override
    public Instant createdAt() {
        return info.createdAt();
    }

    @Override
    public Instant lastAccessedAt() {
        return info.lastAccessedAt();
    }

    @Override
    public Duration maxInactiveInterval() {
        return info.maxInactiveInterval();
    }

    @Override
    public Optional<Instant> expiresAt() {
        return info.expiresAt();
    }

    @Override
    public Optional<String> principal() {
        return info.principal();
    }

    @Override
    public long version() {
        return info.version();
    }

    @Override
    public Set<String> attributeNames() {
        return info.attributeNames();
    }

    /** Values are not read for the index: a session found by principal shows names only. */
    @Override
    public Object attribute(String name) {
        return null;
    }

    @Override
    public int attributeSize(String name) {
        return -1;
    }

    @Override
    public StoredValues storedValues() {
        throw new UnsupportedOperationException("a session found by principal has no values to compare");
    }
}
