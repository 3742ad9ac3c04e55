package io.sessiongrid.client.hazelcast;

import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.NearCacheConfig;
import com.hazelcast.internal.monitor.impl.NearCacheStatsImpl;
import com.hazelcast.internal.nearcache.NearCache;
import com.hazelcast.internal.nearcache.NearCacheRecord;
import com.hazelcast.internal.nearcache.NearCacheRecordStore;
import com.hazelcast.internal.nearcache.impl.DefaultNearCache;
import com.hazelcast.internal.nearcache.impl.store.AbstractNearCacheRecordStore;
import com.hazelcast.internal.util.Clock;
import io.sessiongrid.client.core.SessionRecord;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The session records this JVM holds in Hazelcast's near cache (a member's or a client's), read with the checks
 * Hazelcast's own read makes but without writing memory that every reading core shares. Hazelcast's read of a hit
 * adds one to a hit counter common to all threads and stamps the entry's access time, so each hit takes those cache
 * lines from the core that last wrote them. In a profile of the embedded application under a read-heavy load on two
 * cores, the counter alone held 2.5% of the CPU samples, most of what a near-cache hit cost.
 *
 * <p>A hit here is an entry that is published (not reserved for an update), holds a record, is not stale by the
 * invalidation sequence and has not expired; anything else is read through Hazelcast's near cache, which then decides
 * and counts. The access time, which only the near cache's LRU eviction reads, is stamped when it is a second old.
 * Hits are counted in a slot of the reading thread and handed to Hazelcast's near-cache statistics at most every
 * {@value #HAND_OVER_MILLIS} ms per slot, so the hits Hazelcast reports may miss a slot's last few milliseconds of hits
 * until its next one. Thread safe; a near cache whose entries expire by idle time, or that keeps keys or values
 * serialized, is always read through Hazelcast.
 */
final class NearCacheCopies {
    /** Slots for hit counts, by thread id; a power of two. */
    private static final int SLOTS = 32;
    /** Longs per slot: 128 bytes, so that no two slots share a cache line. */
    private static final int STRIDE = 16;
    private static final int COUNTED = 0;
    private static final int HANDED = 1;
    private static final int HANDED_AT = 2;
    /** How old an entry's access time may get: the LRU eviction needs no finer one. */
    private static final long STAMP_MILLIS = 1_000;
    /** How long a slot's hits wait to be handed to Hazelcast's statistics. */
    private static final long HAND_OVER_MILLIS = 10;

    private final NearCache<Object, Object> nearCache;
    /** Null when every read goes through Hazelcast's near cache. */
    private final NearCacheRecordStore<Object, Object> entries;
    private final AbstractNearCacheRecordStore<?, ?, ?, ?, ?> detector;
    private final NearCacheStatsImpl stats;
    private final AtomicLongArray slots = new AtomicLongArray(SLOTS * STRIDE);

    NearCacheCopies(NearCache<Object, Object> nearCache) {
        this.nearCache = nearCache;
        NearCacheConfig config = nearCache.getNearCacheConfig();
        boolean plain = config.getInMemoryFormat() == InMemoryFormat.OBJECT && config.getMaxIdleSeconds() == 0
                && !nearCache.isSerializeKeys();
        if (plain && nearCache instanceof DefaultNearCache<Object, Object> hazelcasts
                && hazelcasts.getNearCacheRecordStore() instanceof AbstractNearCacheRecordStore<?, ?, ?, ?, ?> store
                && store.getNearCacheStats() instanceof NearCacheStatsImpl storeStats) {
            this.entries = hazelcasts.getNearCacheRecordStore();
            this.detector = store;
            this.stats = storeStats;
        } else {
            this.entries = null;
            this.detector = null;
            this.stats = null;
        }
    }

    /** This JVM's copy of the record, or null if it holds none that it may serve. */
    SessionRecord get(String key) {
        if (entries != null) {
            NearCacheRecord<?> entry = entries.getRecord(key);
            // The value before the reservation, as Hazelcast reads them: a published value is seen whole.
            if (entry != null && entry.getValue() instanceof SessionRecord record
                    && entry.getReservationId() == NearCacheRecord.READ_PERMITTED) {
                long now = Clock.currentTimeMillis();
                if (!detector.getStaleReadDetector().isStaleRead(key, entry) && !entry.isExpiredAt(now)) {
                    if (now - entry.getLastAccessTime() >= STAMP_MILLIS) {
                        entry.setLastAccessTime(now);
                    }
                    counted(now);
                    return record;
                }
            }
        }
        return nearCache.get(key) instanceof SessionRecord record ? record : null;
    }

    /** Keeps a record this JVM wrote, as the near cache's entry for its key. */
    void put(String key, SessionRecord record) {
        nearCache.put(key, null, record, null);
    }

    private void counted(long now) {
        int slot = (int) (Thread.currentThread().getId() & (SLOTS - 1)) * STRIDE;
        long counted = slots.incrementAndGet(slot + COUNTED);
        if (now - slots.get(slot + HANDED_AT) >= HAND_OVER_MILLIS) {
            slots.set(slot + HANDED_AT, now);
            long handed = slots.get(slot + HANDED);
            // Of threads sharing the slot, the one that moves the mark hands exactly the hits up to it.
            if (counted > handed && slots.compareAndSet(slot + HANDED, handed, counted)) {
                for (long hit = handed; hit < counted; hit++) {
                    stats.incrementHits();
                }
            }
        }
    }
}
