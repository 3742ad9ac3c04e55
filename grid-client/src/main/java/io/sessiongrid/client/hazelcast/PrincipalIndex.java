package io.sessiongrid.client.hazelcast;

import com.hazelcast.map.IMap;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * Which sessions were given a principal: a map from principal to {@link PrincipalKeys}, beside the session map and
 * kept by the grid like it (same backups). It replaces a query index on the session map, which would make Hazelcast
 * copy a stored record for every entry processor and update the index on every write; this map is written only
 * when a session is given a principal (a login) and when keys are dropped.
 *
 * <p>Its promise: every live session whose principal is P has its key in P's entry. A key is added before the write
 * that gives the session P, so a write that then fails leaves an extra key, never a missing one. Extra keys (ended
 * sessions, sessions given another principal, the old key of an id change) are allowed: a lookup reads each session
 * back from its owner and keeps only P's live ones. They go when a member hears that their session ended
 * ({@link PrincipalKeysOnEnd}), and when a lookup finds them absent or another principal's and they were added
 * longer ago than {@link #GRACE}, so that a login whose session write is still on its way keeps its key. Thread safe.
 */
final class PrincipalIndex {
    private static final System.Logger LOG = System.getLogger(PrincipalIndex.class.getName());
    /** Longer than any write can take from its key's add to its session write, retries included. */
    static final Duration GRACE = Duration.ofMinutes(10);
    /** An entry with more keys than this is checked after an add, so that keys of ended sessions do not pile up. */
    static final int CHECK_ABOVE = 32;
    private static final String PREFIX = "sessiongrid-principals.";

    private final IMap<String, PrincipalKeys> principals;
    private final long graceMillis;

    PrincipalIndex(IMap<String, PrincipalKeys> principals, Duration grace) {
        this.principals = principals;
        this.graceMillis = Math.max(1, grace.toMillis());
    }

    /** The principal map beside a session map, configured by {@link GridConfigs#principalMap}: no near cache. */
    static String mapName(String sessionMap) {
        return PREFIX + sessionMap;
    }

    /** The session map a principal map is beside, or null if the name is not a principal map's. */
    static String sessionMapOf(String mapName) {
        return mapName.startsWith(PREFIX) ? mapName.substring(PREFIX.length()) : null;
    }

    /** Adds the key before the write that gives its session the principal; a failure fails that write. */
    int add(String principal, String sessionKey) {
        return GridCalls.call("recording the session's principal", () ->
                principals.executeOnKey(principal, new AddPrincipalKey(sessionKey)));
    }

    /** As {@link #add}, without blocking; the stage completes on {@code callbacks}. */
    CompletionStage<Integer> addAsync(String principal, String sessionKey, Executor callbacks) {
        return GridCalls.async("recording the session's principal", callbacks, () ->
                principals.submitToKey(principal, new AddPrincipalKey(sessionKey)));
    }

    /** The keys recorded for a principal, none if it has no entry; {@code operation} names the call in its errors. */
    Set<String> keys(String principal, String operation) {
        PrincipalKeys recorded = GridCalls.call(operation, () -> principals.get(principal));
        return recorded == null ? Set.of() : recorded.keys();
    }

    /** Best effort: drops keys whose sessions ended for good. */
    void dropEnded(String principal, Collection<String> sessionKeys) {
        drop(principal, sessionKeys, 0);
    }

    /** Best effort: drops keys whose sessions were found absent or another principal's, if added before the grace. */
    void dropStale(String principal, Collection<String> sessionKeys) {
        drop(principal, sessionKeys, graceMillis);
    }

    private void drop(String principal, Collection<String> sessionKeys, long grace) {
        if (sessionKeys.isEmpty()) {
            return;
        }
        try {
            principals.submitToKey(principal, new DropPrincipalKeys(List.copyOf(sessionKeys), grace));
        } catch (RuntimeException offline) {
            LOG.log(System.Logger.Level.DEBUG, "dropping {0} keys of a principal failed and is left to its next"
                    + " lookup: {1}", sessionKeys.size(), offline.toString());
        }
    }
}
