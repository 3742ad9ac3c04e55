package io.sessiongrid.bench.http;

import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A load generator in the harness's own process (never the application's): virtual users on the JDK's HTTP
 * client, one request at a time each. For the smoke run and for machines without wrk; published figures come
 * from {@link Wrk}.
 */
final class JavaLoad implements Load {
    /** A request unanswered this long counts as an error, rather than holding its user for the rest of the run. */
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(10);

    @Override
    public Measured drive(int port, Path cookies, int readPercent, int connections, Duration length)
            throws Exception {
        List<String> sessions = Files.readAllLines(cookies);
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        AtomicLong errors = new AtomicLong();
        long deadline = System.nanoTime() + length.toNanos();
        List<Future<Histogram>> users = new ArrayList<>();
        long started = System.nanoTime();
        for (int u = 0; u < connections; u++) {
            users.add(pool.submit(() -> {
                Histogram h = new Histogram(TimeUnit.SECONDS.toNanos(30), 3);
                ThreadLocalRandom random = ThreadLocalRandom.current();
                while (System.nanoTime() - deadline < 0) {
                    String path = random.nextInt(100) < readPercent ? "/read" : "/write";
                    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                            .header("Cookie", sessions.get(random.nextInt(sessions.size())))
                            .timeout(ANSWER_TIMEOUT).build();
                    long t = System.nanoTime();
                    try {
                        HttpResponse<Void> r = http.send(request, HttpResponse.BodyHandlers.discarding());
                        if (r.statusCode() != 200) {
                            errors.incrementAndGet();
                        }
                    } catch (IOException e) {
                        errors.incrementAndGet();
                    }
                    h.recordValue(Math.min(System.nanoTime() - t, h.getHighestTrackableValue()));
                }
                return h;
            }));
        }
        Histogram all = new Histogram(TimeUnit.SECONDS.toNanos(30), 3);
        for (Future<Histogram> u : users) {
            all.add(u.get());
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        pool.shutdown();
        return new Measured(all.getTotalCount(), seconds, errors.get(), all.getValueAtPercentile(50) / 1e6,
                all.getValueAtPercentile(99) / 1e6);
    }
}
