package io.sessiongrid.node.metrics;

import com.hazelcast.core.DistributedObject;
import com.hazelcast.core.DistributedObjectEvent;
import com.hazelcast.core.DistributedObjectListener;
import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.map.LocalMapStats;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryEvictedListener;
import com.hazelcast.map.listener.EntryExpiredListener;
import com.hazelcast.map.listener.EntryLoadedListener;
import com.hazelcast.map.listener.EntryRemovedListener;
import com.hazelcast.nearcache.NearCacheStats;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.sessiongrid.client.hazelcast.EntryProcessorTimings;
import io.sessiongrid.client.hazelcast.IdChanges;
import io.sessiongrid.client.hazelcast.MemberSettings;
import io.sessiongrid.client.hazelcast.SessionGrid;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * The member's session metrics, bound to a Micrometer registry. Counts come from this member's own partitions
 * (owner-local map events, statistics and the reports of the processors that run on the owner), so summing a
 * metric over all members gives the cluster's figure without double counting. An id change counts as one session
 * created and one invalidated. Names avoid a {@code created} suffix, which Prometheus exposition reserves for
 * creation timestamps. Entry-processor times cover every run on this member, on primaries and on backup replicas
 * alike. Thread safe.
 */
public final class GridNodeMetrics {
    private static final String MAP_SERVICE = "hz:impl:mapService";
    private static final String VALIDATED_READ = "ReadIfChanged";

    private final HazelcastInstance member;
    private final MemberSettings settings;
    private final Set<String> watched = ConcurrentHashMap.newKeySet();
    private final Counter created;
    private final Counter expired;
    private final Counter invalidated;
    private final Counter loaded;
    private final MeterRegistry registry;
    private final Map<String, Timer> processorTimers = new ConcurrentHashMap<>();
    /** Validated reads run as an entry processor (read-only, so never on a backup): one run is one read. */
    private final LongAdder validatedReads = new LongAdder();

    /** @param partitionsSafe whether the member's partitions have their backups; must not block */
    public GridNodeMetrics(HazelcastInstance member, MemberSettings settings, MeterRegistry registry,
                           BooleanSupplier partitionsSafe) {
        this.member = member;
        this.settings = settings;
        this.registry = registry;
        this.created = Counter.builder("sessiongrid.sessions.creations")
                .description("sessions created in this member's partitions").register(registry);
        this.expired = Counter.builder("sessiongrid.sessions.expirations")
                .description("sessions that ended by expiry in this member's partitions").register(registry);
        this.loaded = Counter.builder("sessiongrid.sessions.loads")
                .description("sessions loaded from the session database on demand into this member's partitions")
                .register(registry);
        this.invalidated = Counter.builder("sessiongrid.sessions.invalidations")
                .description("sessions removed by invalidation or id change in this member's partitions")
                .register(registry);
        gauge(registry, "sessiongrid.sessions.owned", "sessions whose primary copy this member holds",
                m -> sumOfMaps(LocalMapStats::getOwnedEntryCount));
        gauge(registry, "sessiongrid.sessions.backup", "backup copies of sessions this member holds",
                m -> sumOfMaps(LocalMapStats::getBackupEntryCount));
        gauge(registry, "sessiongrid.members", "members of the cluster as this member sees it",
                m -> m.getCluster().getMembers().size());
        gauge(registry, "sessiongrid.partitions.safe", "1 when every partition this member holds has its backups",
                m -> m.getLifecycleService().isRunning() && partitionsSafe.getAsBoolean() ? 1 : 0);
        FunctionCounter.builder("sessiongrid.sessions.reads", this,
                        metrics -> metrics.sumOfMaps(LocalMapStats::getGetOperationCount) + metrics.validatedReads.sum())
                .description("session reads served from this member's partitions (gets and validated reads)")
                .register(registry);
        member.getUserContext().put(EntryProcessorTimings.USER_CONTEXT_KEY,
                (EntryProcessorTimings) this::recordProcessor);
        // Id changes are told by the processor that makes them: watching updates for them cost every write a map
        // event, an event thread's wake-up and the decoding of the new record.
        member.getUserContext().put(IdChanges.USER_CONTEXT_KEY, (IdChanges) invalidated::increment);
        nearCacheCounter(registry, "sessiongrid.near.cache.hits", NearCacheStats::getHits);
        nearCacheCounter(registry, "sessiongrid.near.cache.misses", NearCacheStats::getMisses);
        nearCacheCounter(registry, "sessiongrid.near.cache.evictions", NearCacheStats::getEvictions);

        member.addDistributedObjectListener(new DistributedObjectListener() {
            @Override
            public void distributedObjectCreated(DistributedObjectEvent event) {
                watch(event.getServiceName(), event.getObjectName().toString());
            }

            @Override
            public void distributedObjectDestroyed(DistributedObjectEvent event) {
                watched.remove(event.getObjectName().toString());
            }
        });
        for (DistributedObject object : member.getDistributedObjects()) {
            watch(object.getServiceName(), object.getName());
        }
    }

    private void recordProcessor(String processor, long nanos) {
        if (VALIDATED_READ.equals(processor)) {
            validatedReads.increment();
        }
        processorTimers.computeIfAbsent(processor, name -> Timer.builder("sessiongrid.entry.processor")
                .description("time an entry processor of the session grid ran on this member")
                .tag("processor", name)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(1_000))
                .maximumExpectedValue(Duration.ofSeconds(1))
                .register(registry)).record(nanos, TimeUnit.NANOSECONDS);
    }

    private void watch(String service, String name) {
        if (MAP_SERVICE.equals(service) && settings.isSessionMap(name) && watched.add(name)) {
            IMap<Object, Object> map = member.getMap(name);
            map.addLocalEntryListener(new SessionEvents(), com.hazelcast.query.Predicates.alwaysTrue(), true);
        }
    }

    private void gauge(MeterRegistry registry, String name, String description,
                       ToDoubleFunction<HazelcastInstance> value) {
        Gauge.builder(name, member, value).description(description).register(registry);
    }

    private void nearCacheCounter(MeterRegistry registry, String name, ToLongFunction<NearCacheStats> count) {
        FunctionCounter.builder(name, this, metrics -> metrics.sumOfNearCaches(count))
                .description("this member's near caches of the session maps").register(registry);
    }

    private long sumOfMaps(ToLongFunction<LocalMapStats> stat) {
        if (!member.getLifecycleService().isRunning()) {
            return 0;
        }
        long sum = 0;
        for (String name : watched) {
            sum += stat.applyAsLong(member.getMap(name).getLocalMapStats());
        }
        return sum;
    }

    private long sumOfNearCaches(ToLongFunction<NearCacheStats> count) {
        return sumOfMaps(stats -> stats.getNearCacheStats() == null ? 0 : count.applyAsLong(stats.getNearCacheStats()));
    }

    /**
     * The owner's map events other than updates, which are every write. An id change replaces the old key's session
     * with a forwarding record (counted as the invalidation through {@link IdChanges}) that expires a minute later
     * (not counted again).
     */
    private final class SessionEvents implements EntryAddedListener<Object, Object>,
            EntryLoadedListener<Object, Object>, EntryRemovedListener<Object, Object>,
            EntryExpiredListener<Object, Object>, EntryEvictedListener<Object, Object> {
        @Override
        public void entryAdded(EntryEvent<Object, Object> event) {
            created.increment();
        }

        /** A session loaded from the database was created before; without this, Hazelcast reports it as added. */
        @Override
        public void entryLoaded(EntryEvent<Object, Object> event) {
            loaded.increment();
        }

        @Override
        public void entryRemoved(EntryEvent<Object, Object> event) {
            if (!SessionGrid.isForwardingRecord(event.getOldValue())) {
                invalidated.increment();
            }
        }

        @Override
        public void entryExpired(EntryEvent<Object, Object> event) {
            if (!SessionGrid.isForwardingRecord(event.getOldValue())) {
                expired.increment();
            }
        }

        @Override
        public void entryEvicted(EntryEvent<Object, Object> event) {
            if (!SessionGrid.isForwardingRecord(event.getOldValue())) {
                expired.increment();
            }
        }
    }
}
