package io.sessiongrid.spring.webflux;

import io.sessiongrid.client.testing.LocalCluster;
import io.sessiongrid.spring.session.GridSpringSession;
import io.sessiongrid.spring.session.ReactiveGridSessionRepository;
import io.sessiongrid.spring.session.TestApplications;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two WebFlux applications on Reactor Netty, round-robin over a real two-member grid (VALIDATED), connected as the
 * subclass says: the WebSession is the grid's. BlockHound watches every test: a blocking call on an event-loop
 * thread or a Reactor non-blocking thread is recorded and fails the test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ReactiveSessionContract {
    private static final List<String> BLOCKING_CALLS = BlockingCalls.recorded();

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private LocalCluster grid;
    private ConfigurableApplicationContext a;
    private ConfigurableApplicationContext b;

    @BeforeAll
    void start() {
        grid = new LocalCluster(2);
        a = ReactiveApp.start(properties(grid));
        b = ReactiveApp.start(properties(grid));
    }

    /** How one application reaches the grid; called once per application. */
    abstract List<String> connection(LocalCluster grid);

    private String[] properties(LocalCluster grid) {
        List<String> all = new ArrayList<>(connection(grid));
        all.addAll(List.of("--sessiongrid.cluster.name=" + grid.clusterName(),
                "--sessiongrid.session.read-mode=validated", "--sessiongrid.session.max-attribute-bytes=10000"));
        return all.toArray(String[]::new);
    }

    @AfterAll
    void stop() {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
        grid.close();
    }

    @AfterEach
    void noBlockingCallRanOnANonBlockingThread() {
        assertEquals(List.of(), BLOCKING_CALLS);
    }

    private static URI uri(ConfigurableApplicationContext app, String path) {
        return URI.create("http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port") + path);
    }

    private HttpResponse<String> send(ConfigurableApplicationContext app, String method, String path, String cookie)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(app, path)).timeout(Duration.ofSeconds(20)).method(method,
                HttpRequest.BodyPublishers.noBody());
        if (cookie != null) {
            request.header("Cookie", "GRIDSESSION=" + cookie);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String sessionCookie(HttpResponse<?> response) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("GRIDSESSION="))
                .map(c -> c.substring("GRIDSESSION=".length(), c.indexOf(';'))).findFirst().orElse(null);
    }

    private String newSession(ConfigurableApplicationContext app, String name, String value) throws Exception {
        HttpResponse<String> set = send(app, "POST", "/set?name=" + name + "&value=" + value, null);
        assertEquals(200, set.statusCode(), set.body());
        String cookie = sessionCookie(set);
        assertNotNull(cookie, "the grid's cookie, named by sessiongrid.cookie.name: " + set.headers());
        return cookie;
    }

    @Test
    void anAttributeSetOnOneInstanceIsReadAtOnceOnTheOther() throws Exception {
        String cookie = newSession(a, "user", "ann");
        assertEquals("ann", send(b, "GET", "/get?name=user", cookie).body());
        assertEquals(200, send(b, "POST", "/set?name=user&value=bob", cookie).statusCode());
        assertEquals("bob", send(a, "GET", "/get?name=user", cookie).body());
        HttpResponse<String> read = send(a, "GET", "/get?name=user", cookie);
        assertTrue(read.headers().allValues("Set-Cookie").isEmpty(), "a known session is not sent again");
        assertEquals("no-session", send(a, "GET", "/get?name=user", null).body());
    }

    @Test
    void concurrentRequestsOnDistinctAttributesLoseNothing() throws Exception {
        String cookie = newSession(a, "start", "1");
        List<CompletableFuture<HttpResponse<String>>> writes = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            writes.add(http.sendAsync(HttpRequest.newBuilder(uri(i % 2 == 0 ? a : b, "/set?name=a" + i + "&value=" + i))
                    .header("Cookie", "GRIDSESSION=" + cookie).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> w : writes) {
            assertEquals(200, w.join().statusCode());
        }
        String names = send(b, "GET", "/names", cookie).body();
        for (int i = 0; i < 100; i++) {
            assertTrue(names.contains(" a" + i + ",") || names.contains("[a" + i + ",")
                    || names.contains(" a" + i + "]"), "a" + i + " in " + names);
        }
        assertEquals(101, names.split(",").length, names);
    }

    @Test
    void loginChangesTheIdAndTheOldIdFindsNothingOnEitherInstance() throws Exception {
        String before = newSession(a, "cart", "book");
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(uri(a, "/login"))
                .header("Cookie", "GRIDSESSION=" + before)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=carol&password=pw")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(302, login.statusCode(), login.body());
        String after = sessionCookie(login);
        assertNotNull(after, "login sends the new id " + login.headers());
        assertNotEquals(before, after);
        assertEquals("carol", send(b, "GET", "/whoami", after).body(), "the login is seen on the other instance");
        assertEquals("book", send(b, "GET", "/get?name=cart", after).body(), "attributes kept");
        assertEquals("no-session", send(a, "GET", "/get?name=cart", before).body());
        assertEquals("no-session", send(b, "GET", "/get?name=cart", before).body());
        assertEquals(302, send(b, "GET", "/whoami", before).statusCode(), "the old id is not logged in");

        ReactiveGridSessionRepository repository = b.getBean(ReactiveGridSessionRepository.class);
        Map<String, GridSpringSession> found = repository.findByPrincipalName("carol").block(Duration.ofSeconds(10));
        assertEquals(1, found.size(), "the principal index finds the session");
        repository.deleteById(found.keySet().iterator().next()).block(Duration.ofSeconds(10));
        assertEquals("no-session", send(a, "GET", "/get?name=cart", after).body(), "deleted by key");
    }

    @Test
    void anExpiryIsPublishedOnceAcrossBothInstances() throws Exception {
        int before = expiries();
        String cookie = newSession(a, "x", "1");
        assertEquals(200, send(b, "POST", "/idle?seconds=1", cookie).statusCode());
        await("one SessionExpiredEvent").atMost(Duration.ofSeconds(30)).until(() -> expiries() == before + 1);
        assertEquals("no-session", send(a, "GET", "/get?name=x", cookie).body());
        await("no second event, on either instance").during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                .until(() -> expiries() == before + 1);
    }

    @Test
    void badInputIsAnsweredClearlyAndLosesNothing() throws Exception {
        for (String bad : List.of("x", "A".repeat(43), "%%%", "A".repeat(5000))) {
            HttpResponse<String> r = send(a, "GET", "/get?name=x", bad);
            assertEquals(200, r.statusCode(), bad);
            assertEquals("no-session", r.body(), bad);
        }
        String cookie = newSession(a, "kept", "yes");
        HttpResponse<String> large = send(b, "POST", "/set-large?bytes=50000", cookie);
        assertEquals(500, large.statusCode(), "an attribute over session.max-attribute-bytes is refused");
        assertEquals("yes", send(a, "GET", "/get?name=kept", cookie).body());
        assertEquals("null", send(a, "GET", "/get?name=large", cookie).body(), "nothing of the refused save landed");
    }

    /**
     * One kept-alive HTTP/1.1 connection, as a browser or a load balancer holds it: session writes (answered after a
     * grid call) alternate with requests answered at once. Reactor Netty before 1.3.8 stopped reading such a
     * connection after a while (reactor-netty#4361), and its client waited forever.
     */
    @Test
    void everyRequestOnOneKeptAliveConnectionIsAnswered() throws Exception {
        HttpClient oneConnection = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String cookie = newSession(a, "n", "0");
        for (int i = 1; i <= 300; i++) {
            HttpResponse<String> write = oneConnection.send(HttpRequest.newBuilder(uri(a, "/set?name=n&value=" + i))
                    .timeout(Duration.ofSeconds(5)).header("Cookie", "GRIDSESSION=" + cookie)
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, write.statusCode(), "write " + i);
            HttpResponse<String> quick = oneConnection.send(HttpRequest.newBuilder(uri(a, "/get?name=n"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals("no-session", quick.body(), "request " + i + " without a session");
        }
        assertEquals("300", send(b, "GET", "/get?name=n", cookie).body());
    }

    @Test
    void blockHoundIsWatching() {
        Throwable caught = org.junit.jupiter.api.Assertions.assertThrows(Throwable.class, () -> Mono.fromCallable(() -> {
            Thread.sleep(1);
            return 1;
        }).subscribeOn(Schedulers.parallel()).block(Duration.ofSeconds(10)));
        assertTrue(String.valueOf(caught.getCause()).contains("Thread.sleep"), String.valueOf(caught));
        assertEquals(1, BLOCKING_CALLS.size(), "the deliberate call was recorded");
        BLOCKING_CALLS.clear();
    }

    private int expiries() {
        return a.getBean(TestApplications.ExpiredEvents.class).count()
                + b.getBean(TestApplications.ExpiredEvents.class).count();
    }
}
