package io.sessiongrid.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A redis-server process of its own on 127.0.0.1 and a free port, with persistence off, for the Spring Session
 * Data Redis peer. Started from {@code redis-server} on the PATH ({@code ops/bench/install-redis.sh} installs it);
 * {@link #close()} stops the process it started and waits for it to exit.
 */
final class RedisServer implements AutoCloseable {
    private final Process process;
    private final int port;

    private RedisServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Starts the server and returns once it accepts connections.
     *
     * @throws IllegalStateException if redis-server is missing or does not come up within 20 s
     */
    static RedisServer start() throws IOException, InterruptedException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = s.getLocalPort();
        }
        Process p;
        try {
            p = new ProcessBuilder("redis-server", "--bind", "127.0.0.1", "--port", String.valueOf(port),
                    "--save", "", "--appendonly", "no", "--daemonize", "no", "--protected-mode", "yes")
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException("redis-server is not on the PATH; run ops/bench/install-redis.sh"
                    + " (Debian: apt-get install redis-server)", e);
        }
        List<String> said = new ArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    synchronized (said) {
                        said.add(line);
                        said.notifyAll();
                    }
                }
            } catch (IOException ignored) {
                // The process is gone; close() reaps it.
            }
        }, "redis-server-output");
        reader.setDaemon(true);
        reader.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        synchronized (said) {
            while (said.stream().noneMatch(l -> l.contains("Ready to accept connections"))) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0 || !p.isAlive()) {
                    p.destroyForcibly();
                    throw new IllegalStateException("redis-server did not start on 127.0.0.1:" + port + ": " + said);
                }
                said.wait(Math.min(left, 200));
            }
        }
        return new RedisServer(p, port);
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
