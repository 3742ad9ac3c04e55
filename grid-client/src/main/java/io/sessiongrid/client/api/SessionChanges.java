package io.sessiongrid.client.api;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What one unit of work changes in a session: attributes set and removed, and optionally an access, the idle
 * limit and the principal. Immutable; build one with {@link #builder()}. The store applies all of it
 * in one atomic step on the partition owner, or none of it.
 */
public final class SessionChanges {
    private final Map<String, Object> set;
    private final Set<String> removed;
    private final boolean accessed;
    private final Duration maxInactiveInterval;
    private final boolean principalChanged;
    private final String principal;

    private SessionChanges(Builder b) {
        // Most requests change nothing: their delta shares the empty collections rather than copying two.
        this.set = b.set == null ? Collections.emptyMap()
                : Collections.unmodifiableMap(new LinkedHashMap<>(b.set));
        this.removed = b.removed == null ? Collections.emptySet()
                : Collections.unmodifiableSet(new LinkedHashSet<>(b.removed));
        this.accessed = b.accessed;
        this.maxInactiveInterval = b.maxInactiveInterval;
        this.principalChanged = b.principalChanged;
        this.principal = b.principal;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** No change at all; applying it only checks that the session is live. */
    public static SessionChanges none() {
        return builder().build();
    }

    public Map<String, Object> set() {
        return set;
    }

    public Set<String> removed() {
        return removed;
    }

    /** Whether the change also records an access (at the owner's time). */
    public boolean accessed() {
        return accessed;
    }

    public Optional<Duration> maxInactiveInterval() {
        return Optional.ofNullable(maxInactiveInterval);
    }

    public boolean principalChanged() {
        return principalChanged;
    }

    /** The new principal when {@link #principalChanged()}; empty means it is cleared. */
    public Optional<String> principal() {
        return Optional.ofNullable(principal);
    }

    public boolean isEmpty() {
        return set.isEmpty() && removed.isEmpty() && !accessed && maxInactiveInterval == null
                && !principalChanged;
    }

    /** Collects changes; a later call on the same attribute replaces an earlier one. Not thread safe. */
    public static final class Builder {
        /** Made on the first change of each kind; null means none. */
        private Map<String, Object> set;
        private Set<String> removed;
        private boolean accessed;
        private Duration maxInactiveInterval;
        private boolean principalChanged;
        private String principal;

        private Builder() {
        }

        /** Sets an attribute; a {@code null} value removes it, as HttpSession does. */
        public Builder set(String name, Object value) {
            checkName(name);
            if (value == null) {
                return remove(name);
            }
            if (removed != null) {
                removed.remove(name);
            }
            if (set == null) {
                set = new LinkedHashMap<>();
            }
            set.put(name, value);
            return this;
        }

        public Builder remove(String name) {
            checkName(name);
            if (set != null) {
                set.remove(name);
            }
            if (removed == null) {
                removed = new LinkedHashSet<>();
            }
            removed.add(name);
            return this;
        }

        /**
         * The change also records an access, as a read would. The time is the owner's, never this JVM's, so a
         * clock that is off cannot move a session's expiry.
         */
        public Builder accessed() {
            this.accessed = true;
            return this;
        }

        /** Zero or negative: the session never idles out. */
        public Builder maxInactiveInterval(Duration interval) {
            Objects.requireNonNull(interval, "interval");
            this.maxInactiveInterval = interval.isNegative() ? Duration.ZERO : interval;
            return this;
        }

        /** Sets the principal, or clears it with {@code null}. */
        public Builder principal(String name) {
            this.principalChanged = true;
            this.principal = name;
            return this;
        }

        public SessionChanges build() {
            return new SessionChanges(this);
        }

        private static void checkName(String name) {
            if (name == null || name.isEmpty()) {
                throw new IllegalArgumentException("attribute name must be non-empty");
            }
        }
    }
}
