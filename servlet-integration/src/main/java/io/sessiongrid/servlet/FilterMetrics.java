package io.sessiongrid.servlet;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.sessiongrid.client.api.StoreObserver;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The session filter's meters in the application's Micrometer registry: how long loading and writing a session
 * take, how big writes are, lock waits, timeouts and lease overruns, values that failed to decode, presented ids refused, and
 * requests failed because the grid did not answer. Without a registry every meter is a no-op. Thread safe.
 */
final class FilterMetrics implements StoreObserver {
    /** The servlet-context attribute under which the filter looks for the application's registry. */
    static final String REGISTRY_ATTRIBUTE = MeterRegistry.class.getName();

    /** Why a presented session id was not used. */
    enum Rejection {
        /** not a well-formed id: never sent to the grid */
        MALFORMED,
        /** well formed, but no live session has it (expired, ended or forged) */
        UNKNOWN,
        /** the session was presented by a client with another fingerprint */
        FINGERPRINT,
        /** more ids presented than the filter reads per request */
        EXCESS
    }

    private final Timer load;
    private final Timer flush;
    private final DistributionSummary writeBytes;
    private final Timer lockWait;
    private final Counter lockTimeouts;
    private final Counter leaseOverruns;
    private final Counter decodeFailures;
    private final Counter gridUnavailable;
    private final Map<Rejection, Counter> rejected = new EnumMap<>(Rejection.class);

    FilterMetrics(MeterRegistry registry) {
        load = Timer.builder("sessiongrid.http.session.load").publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(1_000)).maximumExpectedValue(Duration.ofSeconds(10))
                .description("reading the presented session from the grid, per id read").register(registry);
        flush = Timer.builder("sessiongrid.http.session.flush").publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(1_000)).maximumExpectedValue(Duration.ofSeconds(10))
                .description("writing a request's session changes to the grid").register(registry);
        writeBytes = DistributionSummary.builder("sessiongrid.http.session.write.size").baseUnit("bytes")
                .description("attribute bytes sent per write (creation or delta)").register(registry);
        lockWait = Timer.builder("sessiongrid.http.session.lock.wait")
                .description("time a locked request waited for its session's lock").register(registry);
        lockTimeouts = Counter.builder("sessiongrid.http.session.lock.timeouts")
                .description("locked requests refused with 503 after waiting session.lock-wait").register(registry);
        leaseOverruns = Counter.builder("sessiongrid.http.session.lock.lease.overruns")
                .description("locked requests still running when their lock's lease (session.lock-lease) ran out,"
                        + " so other locked requests may have overlapped them").register(registry);
        decodeFailures = Counter.builder("sessiongrid.http.session.decode.failures")
                .description("stored values that could not be decoded (class not allowed or missing, damaged)")
                .register(registry);
        gridUnavailable = Counter.builder("sessiongrid.http.grid.unavailable")
                .description("requests answered 503 because the grid did not answer in time").register(registry);
        for (Rejection reason : Rejection.values()) {
            rejected.put(reason, Counter.builder("sessiongrid.http.session.ids.rejected")
                    .description("presented session ids that were not used")
                    .tag("reason", reason.name().toLowerCase(java.util.Locale.ROOT)).register(registry));
        }
    }

    /** Meters that record nothing: for applications without a registry. */
    static FilterMetrics none() {
        return new FilterMetrics(new CompositeMeterRegistry());
    }

    void sessionLoaded(long nanos) {
        load.record(nanos, TimeUnit.NANOSECONDS);
    }

    void sessionWritten(long nanos) {
        flush.record(nanos, TimeUnit.NANOSECONDS);
    }

    void lockAcquired(long waitedNanos) {
        lockWait.record(waitedNanos, TimeUnit.NANOSECONDS);
    }

    void lockTimedOut() {
        lockTimeouts.increment();
    }

    void gridUnavailable() {
        gridUnavailable.increment();
    }

    void idRejected(Rejection reason) {
        rejected.get(reason).increment();
    }

    @Override
    public void changesEncoded(int valueBytes) {
        writeBytes.record(valueBytes);
    }

    @Override
    public void decodeFailed(String attribute) {
        decodeFailures.increment();
    }

    @Override
    public void lockLeaseExpired() {
        leaseOverruns.increment();
    }
}
