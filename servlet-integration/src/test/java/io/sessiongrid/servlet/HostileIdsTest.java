package io.sessiongrid.servlet;

import io.sessiongrid.client.api.SessionId;
import io.sessiongrid.client.api.SessionStore;
import io.sessiongrid.client.api.StoreSettings;
import io.sessiongrid.client.hazelcast.SessionGrid;
import io.sessiongrid.client.testing.LocalCluster;
import io.sessiongrid.servlet.testing.AppServer;
import io.sessiongrid.servlet.testing.JettyAppServer;
import io.sessiongrid.servlet.testing.RawHttp;
import io.sessiongrid.servlet.testing.RawHttp.Answer;
import io.sessiongrid.servlet.testing.SessionTestServlet;
import io.sessiongrid.servlet.testing.TomcatAppServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile session ids sent as raw bytes over a socket (no HTTP client cleans them up), in the cookie and in the
 * header, to Jetty 12 and Tomcat 11: forged, malformed, over-long, repeated, unicode look-alikes of a live id,
 * and random bytes. None may reach a live session, create one, or cause a 5xx; the container may refuse a
 * request line it cannot parse (4xx). The live session is untouched throughout.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileIdsTest {
    private static final String COOKIE = "GRIDSESSION";
    private LocalCluster cluster;
    private SessionGrid grid;

    @BeforeAll
    void startGrid() {
        cluster = new LocalCluster(1);
        grid = SessionGrid.client(cluster.clientSettings().build());
    }

    @AfterAll
    void stopGrid() {
        grid.close();
        cluster.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"jetty", "tomcat"})
    void hostileIdsNeverReachALiveSession(String container) throws Exception {
        String map = "sessions-hostile-" + container;
        SessionStore store = grid.openStore(StoreSettings.builder().mapName(map).build());
        SessionGridFilter filter = new SessionGridFilter(store, SessionFilterSettings.builder().header("X-Session")
                .build());
        try (AppServer app = container.equals("jetty") ? JettyAppServer.start(filter, new SessionTestServlet())
                : TomcatAppServer.start(filter, new SessionTestServlet())) {
            Answer created = send(app, "/set?name=user&value=ann", "");
            String cookie = created.head().lines().filter(l -> l.regionMatches(true, 0, "Set-Cookie: " + COOKIE + "=", 0,
                    12 + COOKIE.length() + 1)).findFirst().orElseThrow(() -> new AssertionError(created.head()));
            String live = cookie.substring(cookie.indexOf('=') + 1, cookie.indexOf(';'));
            assertEquals("ann", send(app, "/get?name=user", "Cookie: " + COOKIE + "=" + live + "\r\n").body());
            assertEquals("ann", send(app, "/get?name=user", "X-Session: " + live + "\r\n").body());

            List<byte[]> values = new ArrayList<>();
            values.add(ascii(SessionId.fromRandomBytes(new byte[SessionId.RANDOM_BYTES]).value()));
            values.add(ascii("short"));
            values.add(ascii(live.substring(0, 42) + "+"));
            values.add(ascii(live + "="));
            values.add(ascii(live + live));
            values.add(ascii(live.substring(0, 42)));
            values.add(ascii("A".repeat(4_000)));
            values.add(ascii(live.toUpperCase()));
            // Unicode look-alikes of the live id, as UTF-8 bytes: full-width, Cyrillic and Greek homoglyphs,
            // zero-width and bidi characters, a combining mark, an overlong encoding, a NUL.
            values.add(utf8(swapFirstLetter(live, '\uFF21')));
            values.add(utf8(swapFirstLetter(live, '\u0410')));
            values.add(utf8(swapFirstLetter(live, '\u0391')));
            values.add(utf8(live.substring(0, 20) + "\u200B" + live.substring(20)));
            values.add(utf8("\u202E" + live));
            values.add(utf8(live.substring(0, 42) + "\u0301"));
            values.add(concat(ascii(live.substring(0, 42)), new byte[] {(byte) 0xC1, (byte) 0x81}));
            values.add(concat(ascii(live.substring(0, 21)), new byte[] {0}, ascii(live.substring(21))));
            Random random = new Random(20261124);
            for (int i = 0; i < 150; i++) {
                byte[] noise = new byte[1 + random.nextInt(120)];
                for (int j = 0; j < noise.length; j++) {
                    int b;
                    do {
                        b = random.nextInt(256);
                    } while (b == '\r' || b == '\n');
                    noise[j] = (byte) b;
                }
                values.add(noise);
            }
            // Random strings of the bytes a cookie value may legally hold, many of them id-length: these pass the
            // container and test the filter's own parsing.
            String cookieOctets = "!#$%&'()*+-./0123456789:<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~";
            for (int i = 0; i < 150; i++) {
                int length = i % 2 == 0 ? SessionId.LENGTH : 1 + random.nextInt(200);
                StringBuilder v = new StringBuilder();
                for (int j = 0; j < length; j++) {
                    v.append(cookieOctets.charAt(random.nextInt(cookieOctets.length())));
                }
                values.add(ascii(v.toString()));
            }
            int refusedByContainer = 0;
            for (byte[] value : values) {
                for (byte[] header : List.of(concat(ascii("Cookie: " + COOKIE + "="), value, ascii("\r\n")),
                        concat(ascii("X-Session: "), value, ascii("\r\n")))) {
                    Answer a = send(app, "/get?name=user", header);
                    assertTrue(a.status() < 500, "5xx for " + printable(header) + ": " + a.head());
                    if (a.status() == 200) {
                        assertEquals("no-session", a.body(), "reached a session with " + printable(header));
                    } else {
                        refusedByContainer++;
                    }
                    assertFalse(a.head().contains("Set-Cookie: " + COOKIE + "=") && !a.head().contains("Max-Age=0"),
                            "a session was made for " + printable(header));
                }
            }
            int sent = 2 * values.size();
            // Containers refuse some bytes in headers themselves (400); the rest reached the filter and found nothing.
            assertTrue(sent - refusedByContainer >= 300, "requests that reached the filter: "
                    + (sent - refusedByContainer) + " of " + sent);
            System.out.printf("%s: %d hostile requests, %d refused by the container, %d reached the filter, 0 found a"
                    + " session%n", container, sent, refusedByContainer, sent - refusedByContainer);

            StringBuilder repeated = new StringBuilder("Cookie: ");
            for (int i = 0; i < 10; i++) {
                byte[] random32 = new byte[SessionId.RANDOM_BYTES];
                random.nextBytes(random32);
                repeated.append(COOKIE).append('=').append(SessionId.fromRandomBytes(random32).value()).append("; ");
            }
            assertEquals("no-session", send(app, "/get?name=user", repeated + COOKIE + "=" + live + "\r\n").body(),
                    "at most four presented ids are read: the live one behind ten forged ones is not reached");
            assertEquals("ann", send(app, "/get?name=user", "Cookie: " + COOKIE + "=" + live + "; "
                    + repeated.substring(8) + "\r\n").body(), "the live id first still works");
            try {
                Answer huge = send(app, "/get?name=user", "Cookie: " + COOKIE + "=" + "A".repeat(100_000) + "\r\n");
                assertTrue(huge.status() == 200 || (huge.status() >= 400 && huge.status() < 500), huge.head());
            } catch (SocketException closedWhileSending) {
                // The container refused the oversized header and closed before all of it was sent: also a refusal.
            }

            assertEquals("ann", send(app, "/get?name=user", "Cookie: " + COOKIE + "=" + live + "\r\n").body());
            assertEquals(1, store.count(), "no hostile request created a session");
        }
    }

    private static String swapFirstLetter(String id, char replacement) {
        for (int i = 0; i < id.length(); i++) {
            if (Character.isLetter(id.charAt(i))) {
                return id.substring(0, i) + replacement + id.substring(i + 1);
            }
        }
        return replacement + id.substring(1);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static String printable(byte[] header) {
        StringBuilder s = new StringBuilder();
        for (byte b : header) {
            int c = b & 0xFF;
            s.append(c >= 0x20 && c < 0x7F ? String.valueOf((char) c) : String.format("\\x%02x", c));
        }
        return s.length() > 200 ? s.substring(0, 200) + "..." : s.toString();
    }

    private static Answer send(AppServer app, String path, String headers) throws IOException {
        return RawHttp.send(app.port(), "GET", path, headers);
    }

    private static Answer send(AppServer app, String path, byte[] headers) throws IOException {
        return RawHttp.send(app.port(), "GET", path, headers);
    }

}
