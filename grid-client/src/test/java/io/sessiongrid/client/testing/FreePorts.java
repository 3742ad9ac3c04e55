package io.sessiongrid.client.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ports on 127.0.0.1 for the members and servers a test starts, each free when taken (bound, then released for the
 * test to bind).
 * <ul>
 *   <li>Taken below Linux's ephemeral range (32768 and up), so that no outgoing connection of this or another JVM
 *       is handed one between its release here and its bind by the member.</li>
 *   <li>From a block of {@value #BLOCK} ports of this test JVM's own (the build's fork number, property
 *       {@code tests.fork}), so test JVMs of one build running side by side never take the same port.</li>
 *   <li>In turn around the block, so a port comes back only after the whole block has been handed out, long after
 *       the test that had it stopped.</li>
 * </ul>
 * Thread safe.
 */
public final class FreePorts {
    private static final int FIRST = 12_000;
    private static final int BLOCK = 4_000;
    private static final int BLOCKS = 5;
    private static final int BASE = FIRST + BLOCK * Math.floorMod(block(), BLOCKS);
    /** Process-wide on purpose: the block is this JVM's, so its cursor is too. */
    private static final AtomicInteger TURN = new AtomicInteger();

    private FreePorts() {
    }

    /** The build's fork number (from 1); a JVM started some other way takes a block by its process id. */
    private static long block() {
        Integer fork = Integer.getInteger("tests.fork");
        return fork != null ? fork - 1 : ProcessHandle.current().pid();
    }

    public static int[] take(int count) {
        int[] ports = new int[count];
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                ServerSocket socket = nextFree();
                held.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket s : held) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // a port we could not close is still returned; the member binding it will say so
                }
            }
        }
    }

    private static ServerSocket nextFree() {
        for (int tried = 0; tried < BLOCK; tried++) {
            int port = BASE + Math.floorMod(TURN.getAndIncrement(), BLOCK);
            try {
                return new ServerSocket(port, 1, InetAddress.getLoopbackAddress());
            } catch (IOException inUse) {
                // another process has it: take the next
            }
        }
        throw new UncheckedIOException(new IOException("no free port on 127.0.0.1 in " + BASE + "-"
                + (BASE + BLOCK - 1) + "; stop the processes holding them"));
    }
}
