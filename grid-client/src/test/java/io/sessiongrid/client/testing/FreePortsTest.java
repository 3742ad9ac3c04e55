package io.sessiongrid.client.testing;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FreePortsTest {
    @Test
    void portsAreDistinctBindableAndOutsideTheEphemeralRange() throws IOException {
        int[] first = FreePorts.take(3);
        int[] second = FreePorts.take(3);
        Set<Integer> all = new HashSet<>();
        Arrays.stream(first).forEach(all::add);
        Arrays.stream(second).forEach(all::add);
        assertEquals(6, all.size(), "no port handed out twice: " + all);
        for (int port : all) {
            assertTrue(port >= 1024 && port < 32_768, port + " is below the ephemeral range");
            try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                assertEquals(port, s.getLocalPort());
            }
        }
    }

    @Test
    void aPortSomeoneHoldsIsPassedOver() throws IOException {
        int next = FreePorts.take(1)[0] + 1;
        ServerSocket held = null;
        try {
            held = new ServerSocket(next, 1, InetAddress.getLoopbackAddress());
        } catch (IOException heldElsewhere) {
            // another process holds it, which is as good
        }
        try {
            assertNotEquals(next, FreePorts.take(1)[0], "the held port was handed out");
        } finally {
            if (held != null) {
                held.close();
            }
        }
    }
}
