package io.sessiongrid.client.core;

import java.util.Collections;
import java.util.Map;
import java.util.Set;

/**
 * An encoded {@link io.sessiongrid.client.api.SessionChanges}: what crosses the wire to the owner. Immutable;
 * the arrays must not be modified.
 *
 * @param accessed          whether the change is also an access, recorded at the owner's time
 * @param maxInactiveMillis the new idle limit (0 = never), or -1 to leave it as it is
 */
public record AttributeDelta(Map<String, byte[]> set, Set<String> removed, boolean accessed,
                             long maxInactiveMillis, boolean principalChanged, String principal) {
    public static final long UNCHANGED = -1;

    public AttributeDelta {
        set = Collections.unmodifiableMap(set);
        removed = Collections.unmodifiableSet(removed);
    }

    public boolean isEmpty() {
        return set.isEmpty() && removed.isEmpty() && !accessed && maxInactiveMillis == UNCHANGED
                && !principalChanged;
    }
}
