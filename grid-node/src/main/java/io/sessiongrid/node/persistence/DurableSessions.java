package io.sessiongrid.node.persistence;

import com.hazelcast.core.DistributedObject;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.sessiongrid.client.hazelcast.MemberReport;
import io.sessiongrid.client.hazelcast.MemberSettings;
import io.sessiongrid.client.hazelcast.SessionPersistence;
import io.sessiongrid.node.config.PersistenceSettings;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A grid-node's durable copy of the session maps, from start to stop: the rows in PostgreSQL, the map-store settings
 * the member is built with, the initial load of every map that has rows once the member runs, the sweep of rows whose
 * sessions expired (on the oldest member only, every {@code persistence.sweep-interval}) and a probe of the database
 * every {@value #PROBE_MILLIS} ms for readiness, metrics and gridctl. Thread safe.
 */
public final class DurableSessions implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(DurableSessions.class.getName());
    private static final long PROBE_MILLIS = 2_000;
    private static final String MAP_SERVICE = "hz:impl:mapService";

    private final PersistenceSettings settings;
    private final PostgresSessionRows rows;
    private final Counter swept;
    private final ScheduledExecutorService background = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread t = new Thread(task, "grid-node-persistence");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean answering = true;
    private volatile HazelcastInstance member;
    private volatile MemberSettings memberSettings;

    /** @throws io.sessiongrid.client.hazelcast.PersistenceUnavailableException if the database cannot be set up */
    public DurableSessions(PersistenceSettings settings, MeterRegistry registry) {
        this.settings = settings;
        this.rows = new PostgresSessionRows(settings, registry);
        this.swept = Counter.builder("sessiongrid.persistence.swept")
                .description("rows of expired sessions this node deleted").register(registry);
        Gauge.builder("sessiongrid.persistence.up", this, d -> d.answering ? 1 : 0)
                .description("1 while the session database answers this node's probe").register(registry);
        Gauge.builder("sessiongrid.persistence.pending", this, DurableSessions::pendingRows)
                .description("write-behind rows this node holds (primaries and backups) not yet written")
                .register(registry);
    }

    /** What the member's session maps are configured with. */
    public SessionPersistence persistence() {
        return new SessionPersistence(rows, settings.writeDelay(),
                settings.writeThrough() ? 1 : settings.writeBatchSize(), settings.eagerLoad());
    }

    /**
     * Begins the node's part once its member runs: an eager load opens every session map that has rows (Hazelcast
     * then loads each partition on its owner; this returns when it is done), then the probe and the sweep start.
     */
    public void started(HazelcastInstance member, MemberSettings memberSettings) {
        this.member = member;
        this.memberSettings = memberSettings;
        member.getUserContext().put(MemberReport.PERSISTENCE_STATE_KEY, (Supplier<String>) this::state);
        if (settings.eagerLoad()) {
            for (String name : rows.mapNames()) {
                if (memberSettings.isSessionMap(name)) {
                    long began = System.nanoTime();
                    IMap<Object, Object> map = member.getMap(name);
                    int size = map.size();
                    LOG.info(() -> "session map \"" + name + "\" loaded from the database: " + size + " session(s)"
                            + " in " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began) + " ms");
                }
            }
        }
        background.scheduleWithFixedDelay(this::probe, 0, PROBE_MILLIS, TimeUnit.MILLISECONDS);
        long sweep = settings.sweepInterval().toMillis();
        background.scheduleWithFixedDelay(this::sweep, sweep, sweep, TimeUnit.MILLISECONDS);
    }

    /** Why the node should get no work while its database is away, or null. */
    public String notReadyReason() {
        return settings.requiredForReadiness() && !answering ? "the session database does not answer" : null;
    }

    /** One line for operators: the mode, whether the database answers, rows waiting. */
    public String state() {
        return settings.mode() + ", database " + (answering ? "answering" : "NOT answering")
                + (settings.writeThrough() ? "" : ", " + (long) pendingRows() + " row(s) pending");
    }

    private void probe() {
        boolean now = rows.answers();
        if (now != answering) {
            LOG.log(now ? Level.INFO : Level.WARNING, now ? "the session database answers again"
                    : "the session database does not answer; " + (settings.writeThrough()
                    ? "writes fail with 503 until it is back" : "rows are queued until it is back"));
        }
        answering = now;
    }

    private void sweep() {
        HazelcastInstance m = member;
        try {
            if (m != null && m.getLifecycleService().isRunning()
                    && m.getCluster().getMembers().iterator().next().localMember()) {
                int deleted = rows.deleteExpired(System.currentTimeMillis());
                swept.increment(deleted);
                if (deleted > 0) {
                    LOG.fine(() -> "deleted the rows of " + deleted + " expired session(s)");
                }
            }
        } catch (RuntimeException e) {
            LOG.fine(() -> "the sweep of expired rows failed; it runs again later: " + e);
        }
    }

    /**
     * Writes every pending write-behind row of the session maps now (a graceful stop does, so that stopping the whole
     * cluster loses nothing). Best effort: a database away leaves the rows queued, and they move with the partitions.
     */
    public void flush() {
        HazelcastInstance m = member;
        MemberSettings s = memberSettings;
        if (m == null || settings.writeThrough() || !m.getLifecycleService().isRunning()) {
            return;
        }
        for (String name : sessionMaps(m, s)) {
            try {
                m.getMap(name).flush();
            } catch (RuntimeException e) {
                LOG.warning(() -> "pending rows of map \"" + name + "\" were not written before the stop ("
                        + e.getMessage() + "); the other members keep them if any remain");
            }
        }
    }

    private double pendingRows() {
        HazelcastInstance m = member;
        MemberSettings s = memberSettings;
        if (m == null || s == null || !m.getLifecycleService().isRunning()) {
            return 0;
        }
        long pending = 0;
        for (String name : sessionMaps(m, s)) {
            pending += m.getMap(name).getLocalMapStats().getDirtyEntryCount();
        }
        return pending;
    }

    /** The session maps this member has opened. */
    private static List<String> sessionMaps(HazelcastInstance m, MemberSettings s) {
        return m.getDistributedObjects().stream()
                .filter(o -> MAP_SERVICE.equals(o.getServiceName()) && s.isSessionMap(o.getName()))
                .map(DistributedObject::getName).toList();
    }

    @Override
    public void close() {
        background.shutdownNow();
        rows.close();
    }
}
