package io.sessiongrid.node.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * {@code GET /metrics} (Prometheus text format), and {@code GET /health/live} and {@code GET /health/ready} for
 * orchestrators. Live while the member runs. Ready
 * only when the member has joined its cluster, is not shutting down, and every partition it holds has its
 * backups in place, so a rolling restart that waits for ready never takes away the last copy of a session.
 * Answers 200 or 503 with a one-line reason. Served by the JDK's HTTP server; thread safe.
 */
public final class NodeEndpoints implements AutoCloseable {
    private final HttpServer server;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final ExecutorService executor;

    public NodeEndpoints(NodeHealth node, Supplier<String> prometheusText, String host, int port) {
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 16);
        } catch (IOException e) {
            throw new UncheckedIOException("node endpoints cannot listen on " + host + ":" + port
                    + " (http.port): " + e.getMessage(), e);
        }
        server.createContext("/health/live", exchange -> answer(exchange, node.isRunning(), "member running",
                "member stopped"));
        server.createContext("/health/ready", exchange -> {
            String notReady = node.notReadyReason();
            answer(exchange, notReady == null, "ready", notReady);
        });
        server.createContext("/metrics", exchange -> {
            try (exchange) {
                byte[] body = prometheusText.get().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        });
        // More than one thread: a slow scrape must not hold up the liveness probe.
        executor = Executors.newFixedThreadPool(4, task -> {
            Thread t = new Thread(task, "grid-node-endpoints");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void answer(HttpExchange exchange, boolean ok, String up, String down) throws IOException {
        try (exchange) {
            byte[] body = ((ok ? "UP: " + up : "DOWN: " + down) + "\n").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/plain; charset=utf-8");
            exchange.sendResponseHeaders(ok ? 200 : 503, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            server.stop(0);
            executor.shutdownNow();
        }
    }
}
