package io.sessiongrid.servlet;

import io.sessiongrid.client.api.Session;
import io.sessiongrid.client.api.SessionId;
import io.sessiongrid.client.api.SessionStore;
import io.sessiongrid.client.api.StoreSettings;
import io.sessiongrid.client.hazelcast.SessionGrid;
import io.sessiongrid.client.testing.LocalCluster;
import io.sessiongrid.servlet.testing.AppServer;
import io.sessiongrid.servlet.testing.JettyAppServer;
import io.sessiongrid.servlet.testing.SessionTestServlet;
import io.sessiongrid.servlet.testing.TomcatAppServer;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One session, 64 concurrent clients, two application instances (Jetty 12 and Tomcat 11) on one grid of two
 * members. Every round each client writes its own attribute without a lock, on one instance, and increments a
 * shared counter on a locked path, on the other. Afterwards every client's attribute holds its last round and
 * the counter holds exactly clients × rounds: no write lost, none applied twice. The default run does 20 rounds
 * (2,560 requests); {@code -Plong} does 500 (64,000 requests).
 */
class TortureTest {
    private static final int CLIENTS = 64;
    private static final int ROUNDS = Integer.getInteger("torture.rounds", 20);

    @Test
    void sixtyFourClientsOnOneSessionLoseNothing() throws Exception {
        try (LocalCluster cluster = new LocalCluster(2);
             SessionGrid gridA = SessionGrid.client(cluster.clientSettings().build());
             SessionGrid gridB = SessionGrid.client(cluster.clientSettings().build())) {
            SessionStore storeA = gridA.openStore(StoreSettings.builder().mapName("sessions-torture").build());
            SessionStore storeB = gridB.openStore(StoreSettings.builder().mapName("sessions-torture").build());
            SessionFilterSettings settings = SessionFilterSettings.builder().lockedPath("/locked/*")
                    .lockWait(Duration.ofSeconds(60)).build();
            try (AppServer jetty = JettyAppServer.start(new SessionGridFilter(storeA, settings),
                    new SessionTestServlet());
                 AppServer tomcat = TomcatAppServer.start(new SessionGridFilter(storeB, settings),
                         new SessionTestServlet())) {
                Session session = storeA.create();
                String cookie = "GRIDSESSION=" + session.id().value();
                HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(8)).build();
                AtomicLong failures = new AtomicLong();
                List<String> firstFailures = new java.util.concurrent.CopyOnWriteArrayList<>();
                ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
                long started = System.nanoTime();
                List<Future<?>> done = new ArrayList<>();
                for (int c = 0; c < CLIENTS; c++) {
                    int client = c;
                    done.add(clients.submit(() -> {
                        AppServer own = client % 2 == 0 ? jetty : tomcat;
                        AppServer other = client % 2 == 0 ? tomcat : jetty;
                        for (int round = 1; round <= ROUNDS; round++) {
                            check(http, own, "/own?name=c" + client + "&value=" + round, cookie, failures,
                                    firstFailures);
                            check(http, other, "/locked/incr", cookie, failures, firstFailures);
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get(30, TimeUnit.MINUTES);
                }
                clients.shutdownNow();
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
                assertEquals(0, failures.get(), "failed requests; first: " + firstFailures);

                Session result = storeB.find(SessionId.parse(session.id().value())).orElseThrow();
                assertEquals(CLIENTS * ROUNDS, result.attribute("counter"), "the locked counter is exact");
                for (int c = 0; c < CLIENTS; c++) {
                    assertEquals(ROUNDS, result.attribute("c" + c), "client " + c + "'s own attribute");
                }
                assertTrue(result.attributeNames().size() >= CLIENTS + 1);
                System.out.printf("torture: %d clients x %d rounds = %d requests on one session in %d ms, "
                        + "counter %d, 0 failed%n", CLIENTS, ROUNDS, 2 * CLIENTS * ROUNDS, millis,
                        result.attribute("counter"));
            }
        }
    }

    private static void check(HttpClient http, AppServer app, String path, String cookie, AtomicLong failures,
                              List<String> firstFailures) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port()
                    + path)).header("Cookie", cookie).timeout(Duration.ofSeconds(90)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200 || !r.body().equals("ok")) {
                throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
            }
        } catch (Exception e) {
            failures.incrementAndGet();
            if (firstFailures.size() < 3) {
                firstFailures.add(e.toString());
            }
        }
    }
}
