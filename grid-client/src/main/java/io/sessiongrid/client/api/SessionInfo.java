package io.sessiongrid.client.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * What an operator may see of a session found by principal: its key, times and attribute names, never its
 * token or values. Immutable.
 */
public record SessionInfo(SessionKey key, Optional<String> principal, Instant createdAt, Instant lastAccessedAt,
                          Duration maxInactiveInterval, Optional<Instant> expiresAt, Set<String> attributeNames,
                          long storedBytes, long version) {
    public SessionInfo {
        attributeNames = Set.copyOf(attributeNames);
    }
}
