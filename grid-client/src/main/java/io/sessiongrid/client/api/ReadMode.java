package io.sessiongrid.client.api;

import java.util.Locale;

/** How a read uses the near cache (the copy of recently read sessions held in this JVM). */
public enum ReadMode {
    /**
     * Trust the local copy. A write made through another JVM is seen once its invalidation arrives (sent at
     * once, typically within milliseconds on one network). For load balancers with sticky sessions.
     */
    STICKY,
    /**
     * Check the local copy's version with the partition owner before using it (one small round trip; the
     * session crosses the wire only when it changed). A write through any JVM is seen by the next read on
     * every other JVM. For load balancers without sticky sessions.
     */
    VALIDATED;

    /** The mode a {@code session.read-mode} value names ({@code validated} or {@code sticky}, any case). */
    public static ReadMode named(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
