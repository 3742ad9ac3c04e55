package io.sessiongrid.client.hazelcast;

import java.time.Clock;

/**
 * This JVM's estimate of the time on the grid's members: its own clock plus an offset learned from replies that
 * carry an owner's time. It only steers local choices (whether a near-cache copy may still be live, whether a
 * touch is due); the owner alone decides expiry, on its own clock. Members are assumed to agree with each other
 * (NTP); an application instance whose clock is off by minutes is what this corrects for. Thread safe.
 */
final class OwnerClock {
    private final Clock local;
    private final long staleAfterMillis;
    private volatile long offset;
    private volatile long observedAt;
    private volatile boolean observed;

    /** @param staleAfterMillis after how long without a reply the estimate counts as stale */
    OwnerClock(Clock local, long staleAfterMillis) {
        this.local = local;
        this.staleAfterMillis = staleAfterMillis;
    }

    /** This JVM's own time. */
    long localNow() {
        return local.millis();
    }

    /** The owners' time as far as this JVM can tell. */
    long now() {
        return local.millis() + offset;
    }

    /** An owner answered with its time; {@code sentAt} and {@code receivedAt} are local times around the call. */
    void observe(long ownerMillis, long sentAt, long receivedAt) {
        offset = ownerMillis - (sentAt + (receivedAt - sentAt) / 2);
        observedAt = receivedAt;
        observed = true;
    }

    /** Whether no owner's time was heard lately, so a touch should go out to learn it. */
    boolean isStale() {
        return !observed || local.millis() - observedAt > staleAfterMillis;
    }

    /** How far this JVM's clock is behind the owners' (negative: ahead), in milliseconds. */
    long offsetMillis() {
        return offset;
    }
}
