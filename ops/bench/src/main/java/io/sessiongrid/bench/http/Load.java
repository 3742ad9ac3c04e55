package io.sessiongrid.bench.http;

import java.nio.file.Path;
import java.time.Duration;

/** A load generator in a process of its own (or the harness's), driving one workload against the application. */
interface Load {
    /**
     * Drives {@code connections} concurrent users for {@code length}: each request picks one of the sessions in
     * {@code cookies} (one {@code Cookie} header value per line) at random, and is a read with probability
     * {@code readPercent} / 100, else a write.
     */
    Measured drive(int port, Path cookies, int readPercent, int connections, Duration length) throws Exception;

    /** What one run served. */
    record Measured(long requests, double seconds, long errors, double p50Millis, double p99Millis) {
        double perSecond() {
            return requests / seconds;
        }
    }
}
