package io.sessiongrid.bench.http;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * One server process of a benchmark run (the application, a grid member, redis-server), started from a command
 * line, its output copied to a log file. It knows its process id, so its CPU time and I/O can be read from
 * {@code /proc}, and {@link #close()} stops exactly it: SIGTERM, then SIGKILL if it is still there after 10 s.
 */
final class ServerProcess implements AutoCloseable {
    private final String role;
    private final Process process;
    private final Path log;
    private volatile String readyLine;

    private ServerProcess(String role, Process process, Path log) {
        this.role = role;
        this.process = process;
        this.log = log;
    }

    /** Starts the command; lines it prints are appended to {@code log}, and one starting {@code READY} is kept. */
    static ServerProcess start(String role, List<String> command, Path log) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            ServerProcess server = new ServerProcess(role, p, log);
            Thread copier = new Thread(() -> server.copyOutput(p), role + "-output");
            copier.setDaemon(true);
            copier.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + role + ": " + command, e);
        }
    }

    /** A process something else started and logs (PostgreSQL's server); closing it stops it as any other. */
    static ServerProcess adopt(String role, Process process) {
        return new ServerProcess(role, process, null);
    }

    private void copyOutput(Process p) {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                if (line.startsWith("READY") || line.contains("Ready to accept connections")) {
                    readyLine = line;
                }
                Files.writeString(log, line + "\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                        java.nio.file.StandardOpenOption.APPEND);
            }
        } catch (IOException ignored) {
            // The process ended; close() reaps it.
        }
    }

    String role() {
        return role;
    }

    long pid() {
        return process.pid();
    }

    /** The line that said the process is ready, or null until then. */
    String readyLine() {
        return readyLine;
    }

    /** Waits until the process is ready by {@code ready}, failing with its log if it dies or takes too long. */
    void awaitReady(BooleanSupplier ready, long timeoutSeconds) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (!ready.getAsBoolean()) {
            if (!process.isAlive() || System.nanoTime() - deadline > 0) {
                throw new IllegalStateException(role + " did not become ready within " + timeoutSeconds + " s"
                        + (process.isAlive() ? "" : " (it exited)") + (log == null ? "" : "; its output is in " + log));
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
    }

    /**
     * User plus system CPU time so far, in clock ticks (fields 14 and 15 of {@code /proc/PID/stat}), with that of its
     * live child processes and of the children it has reaped: PostgreSQL serves each connection from a process of
     * its own.
     */
    long cpuTicks() {
        String[] fields = statFields(pid());
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]) + Long.parseLong(fields[13])
                + Long.parseLong(fields[14]);
        for (long child : ProcessHandle.of(pid()).map(h -> h.children().mapToLong(ProcessHandle::pid).toArray())
                .orElse(new long[0])) {
            try {
                String[] c = statFields(child);
                ticks += Long.parseLong(c[11]) + Long.parseLong(c[12]);
            } catch (UncheckedIOException gone) {
                // ended between the listing and the read: its time is in the parent's reaped children now
            }
        }
        return ticks;
    }

    private static String[] statFields(long pid) {
        String stat = read("/proc/" + pid + "/stat");
        return stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
    }

    /** Bytes the process read and wrote through system calls so far (sockets included): {@code /proc/PID/io}. */
    long ioBytes() {
        long total = 0;
        for (String line : read("/proc/" + pid() + "/io").split("\n")) {
            if (line.startsWith("rchar:") || line.startsWith("wchar:")) {
                total += Long.parseLong(line.substring(6).trim());
            }
        }
        return total;
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " (Linux /proc is needed)", e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
