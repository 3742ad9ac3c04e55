package io.sessiongrid.servlet;

import com.hazelcast.core.DistributedObject;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sessiongrid.client.api.SessionId;
import io.sessiongrid.client.api.SessionStore;
import io.sessiongrid.client.api.StoreSettings;
import io.sessiongrid.client.core.SessionRecord;
import io.sessiongrid.client.hazelcast.SessionGrid;
import io.sessiongrid.client.testing.LocalCluster;
import io.sessiongrid.servlet.testing.AppServer;
import io.sessiongrid.servlet.testing.JettyAppServer;
import io.sessiongrid.servlet.testing.SessionTestServlet;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A session id is a bearer token: it is in the browser's cookie and nowhere else. After a workload that walks
 * every path that logs (creation, id change, invalidation, unknown and malformed ids, a replayed cookie, a lock
 * timeout, expiry, changes to a session that ended meanwhile), no captured log line at FINE and above, no key or
 * value of any grid map, no distributed object's name and no meter contains any id the browsers were given.
 */
class NoRawIdsTest {
    private static final String COOKIE = "GRIDSESSION";

    @Test
    void idsAppearInNoLogLineMapEntryOrMetric() throws Exception {
        List<String> logs = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            private final SimpleFormatter format = new SimpleFormatter();

            @Override
            public void publish(LogRecord record) {
                logs.add(format.format(record));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        capture.setLevel(Level.ALL);
        Logger root = Logger.getLogger("");
        Logger ours = Logger.getLogger("io.sessiongrid");
        Logger hazelcast = Logger.getLogger("com.hazelcast");
        Level oursBefore = ours.getLevel();
        Level hazelcastBefore = hazelcast.getLevel();
        root.addHandler(capture);
        ours.setLevel(Level.FINE);
        hazelcast.setLevel(Level.INFO);
        Set<String> ids = ConcurrentHashMap.newKeySet();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (LocalCluster cluster = new LocalCluster(2);
             SessionGrid grid = SessionGrid.client(cluster.clientSettings().build())) {
            SessionStore store = grid.openStore(StoreSettings.builder().mapName("sessions-ids").build());
            SessionGridFilter filter = new SessionGridFilter(store, SessionFilterSettings.builder()
                    .lockedPath("/locked/*").lockWait(Duration.ofMillis(300)).header("X-Session")
                    .fingerprint(ClientFingerprint.defaults()).maxSessionsPerPrincipal(1).meterRegistry(meters)
                    .build());
            try (AppServer app = JettyAppServer.start(filter, new SessionTestServlet())) {
                HttpClient http = HttpClient.newHttpClient();
                List<String> live = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    live.add(issued(ids, send(http, app, "/set?name=n&value=" + i, null, null)));
                }
                String a = live.get(0);
                send(http, app, "/get?name=n", a, null);
                send(http, app, "/get?name=n", null, a);
                String b = issued(ids, send(http, app, "/login", live.get(1), null));
                send(http, app, "/get?name=n", live.get(1), null);
                send(http, app, "/principal?user=ann", b, null);
                send(http, app, "/principal?user=ann", live.get(2), null);
                send(http, app, "/invalidate", live.get(3), null);
                send(http, app, "/get?name=n", live.get(3), null);
                String forged = SessionId.fromRandomBytes(new byte[SessionId.RANDOM_BYTES]).value();
                ids.add(forged);
                send(http, app, "/get?name=n", forged, null);
                send(http, app, "/get?name=n", "not-an-id", null);
                send(HttpClient.newHttpClient(), app, "/get?name=n", live.get(4), null, "Replayer/1.0");

                String held = live.get(5);
                CompletableFuture<HttpResponse<String>> holder = http.sendAsync(request(app, "/locked/hold", held,
                        null, null), HttpResponse.BodyHandlers.ofString());
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> send(http, app, "/locked/incr", held, null).statusCode() == 503);
                send(http, app, "/invalidate", held, null);
                send(http, app, "/release", null, null);
                holder.get();

                String shortLived = live.get(6);
                send(http, app, "/max?value=1", shortLived, null);
                Instant gone = Instant.now().plusSeconds(2);
                await().atMost(Duration.ofSeconds(5)).until(() -> Instant.now().isAfter(gone));
                await("expired").atMost(Duration.ofSeconds(30))
                        .until(() -> send(http, app, "/get?name=n", shortLived, null).body().equals("no-session"));
            }
            assertTrue(ids.size() >= 22, "ids issued: " + ids.size());
            for (String expected : List.of("possible session replay", "session is busy", "ignoring a malformed",
                    "session.max-per-principal")) {
                assertTrue(logs.stream().anyMatch(l -> l.contains(expected)), expected + " not logged: " + logs);
            }

            for (String log : logs) {
                for (String id : ids) {
                    assertFalse(log.contains(id), "a log line holds a session id: " + log);
                }
            }
            HazelcastInstance member = cluster.members().get(0);
            int entries = 0;
            for (DistributedObject object : member.getDistributedObjects()) {
                assertNoId(ids, object.getName(), "object name");
                if (object instanceof IMap<?, ?> map) {
                    for (Object key : map.keySet()) {
                        assertNoId(ids, String.valueOf(key), "key of " + map.getName());
                        Object value = map.get(key);
                        if (value instanceof SessionRecord r) {
                            assertNoId(ids, r.key() + " " + r.principal() + " " + r.attributes().keySet(), "record");
                        } else {
                            assertNoId(ids, String.valueOf(value), "value in " + map.getName());
                        }
                        entries++;
                    }
                }
            }
            assertTrue(entries >= 15, "map entries inspected: " + entries);
            assertNoId(ids, meters.getMetersAsString(), "meters");
        } finally {
            root.removeHandler(capture);
            ours.setLevel(oursBefore);
            hazelcast.setLevel(hazelcastBefore);
        }
    }

    private static void assertNoId(Set<String> ids, String text, String where) {
        for (String id : ids) {
            assertFalse(text.contains(id), where + " holds a session id: " + text);
        }
    }

    private static String issued(Set<String> ids, HttpResponse<String> response) {
        String cookie = response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(COOKIE + "="))
                .reduce((first, last) -> last).orElseThrow(() -> new AssertionError("no cookie: " + response));
        String id = cookie.substring(COOKIE.length() + 1, cookie.indexOf(';'));
        ids.add(id);
        return id;
    }

    private static HttpRequest request(AppServer app, String path, String cookieId, String headerId,
                                       String userAgent) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
                .timeout(Duration.ofSeconds(30));
        if (cookieId != null) {
            b.header("Cookie", COOKIE + "=" + cookieId);
        }
        if (headerId != null) {
            b.header("X-Session", headerId);
        }
        if (userAgent != null) {
            b.header("User-Agent", userAgent);
        }
        return b.build();
    }

    private static HttpResponse<String> send(HttpClient http, AppServer app, String path, String cookieId,
                                             String headerId) throws Exception {
        return send(http, app, path, cookieId, headerId, null);
    }

    private static HttpResponse<String> send(HttpClient http, AppServer app, String path, String cookieId,
                                             String headerId, String userAgent) throws Exception {
        return http.send(request(app, path, cookieId, headerId, userAgent), HttpResponse.BodyHandlers.ofString());
    }
}
