package io.sessiongrid.reliability;

import io.sessiongrid.servlet.testing.AppServer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Browsers, each with its own session, alternating between two application instances: every step increments
 * the session's counter on one instance and reads it back on the other, so a lost or stale write shows as a
 * failure at once. Counts requests; keeps every failure.
 */
final class BrowserLoad implements AutoCloseable {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AppServer[] apps;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong requests = new AtomicLong();
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private final long[] expected;
    private final String[] cookies;
    private final ExecutorService pool;
    private final List<Future<?>> browsers = new ArrayList<>();

    BrowserLoad(AppServer[] apps, int browsers) throws Exception {
        this.apps = apps;
        this.expected = new long[browsers];
        this.cookies = new String[browsers];
        this.pool = Executors.newFixedThreadPool(browsers);
        for (int b = 0; b < browsers; b++) {
            HttpResponse<String> first = get(apps[0], "/set?name=user&value=b" + b, null);
            cookies[b] = first.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
            int browser = b;
            this.browsers.add(pool.submit(() -> browse(browser)));
        }
    }

    private Void browse(int browser) {
        long n = 0;
        while (running.get()) {
            try {
                HttpResponse<String> r = get(apps[(int) (n % 2)], "/incr", cookies[browser]);
                if (r.statusCode() != 200) {
                    throw new IllegalStateException("/incr answered " + r.statusCode() + ": " + r.body());
                }
                expected[browser]++;
                HttpResponse<String> read = get(apps[(int) ((n + 1) % 2)], "/get?name=counter", cookies[browser]);
                if (!read.body().equals(String.valueOf(expected[browser]))) {
                    throw new IllegalStateException("read " + read.body() + " after " + expected[browser]
                            + " increments (status " + read.statusCode() + ")");
                }
                requests.addAndGet(2);
            } catch (Exception e) {
                failures.add(e.toString());
            }
            n++;
        }
        return null;
    }

    long requests() {
        return requests.get();
    }

    List<String> failures() {
        return failures;
    }

    /** Stops the browsers and returns the sessions whose counter or user no longer matches what was written. */
    List<String> stopAndCheck() throws Exception {
        close();
        List<String> wrong = new ArrayList<>();
        for (int b = 0; b < expected.length; b++) {
            String counter = get(apps[1], "/get?name=counter", cookies[b]).body();
            String user = get(apps[0], "/get?name=user", cookies[b]).body();
            if (!counter.equals(String.valueOf(expected[b])) || !user.equals("b" + b)) {
                wrong.add("browser " + b + ": counter " + counter + " (wrote " + expected[b] + "), user " + user);
            }
        }
        return wrong;
    }

    @Override
    public void close() throws Exception {
        running.set(false);
        pool.shutdown();
        if (!pool.awaitTermination(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("browsers did not stop");
        }
        for (Future<?> f : browsers) {
            f.get();
        }
    }

    HttpResponse<String> get(AppServer app, String path, String cookie) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
                .timeout(Duration.ofSeconds(30));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
