package io.sessiongrid.client.hazelcast;

import io.sessiongrid.client.core.SessionRecord;

/**
 * Turns a record's own expiry into the map entry's time-to-live. The map's idle clock is never used: near-cache
 * hits do not reach the owner and an entry processor's plain {@code setValue} drops a per-entry idle limit, so
 * every write sets the remaining time explicitly.
 *
 * <p>Hazelcast keeps entry TTLs in whole seconds and truncates them (measured on 5.7.0: a 600 ms TTL removed the
 * entry after about 230 ms, 1500 ms after about 1.2 s). The TTL is therefore rounded up to whole seconds plus
 * one, so the owner never drops a live session; between the record's expiry and the entry's removal (under two
 * seconds) every read and write treats the record as gone by its own expiry check.
 */
final class Expiry {
    private static final long SECOND = 1000;

    private Expiry() {
    }

    /** TTL in milliseconds, whole seconds, past the record's expiry; 0 (Hazelcast's "never") if none. */
    static long ttlMillis(SessionRecord record, long now) {
        long expiresAt = record.expiresAt();
        if (expiresAt == SessionRecord.NEVER) {
            return 0;
        }
        long remaining = Math.max(0, expiresAt - now);
        return (remaining + SECOND - 1) / SECOND * SECOND + SECOND;
    }
}
