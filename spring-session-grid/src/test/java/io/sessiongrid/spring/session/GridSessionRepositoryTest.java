package io.sessiongrid.spring.session;

import io.sessiongrid.client.testing.LocalCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.CookieManager;
import java.net.HttpCookie;
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
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Spring Session's own filter over {@link GridSessionRepository}, in two Spring Boot instances that are thin
 * clients of a real two-member grid: the store's guarantees hold through Spring Session's model.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GridSessionRepositoryTest {
    private LocalCluster grid;
    private ConfigurableApplicationContext a;
    private ConfigurableApplicationContext b;

    @BeforeAll
    void start() {
        grid = new LocalCluster(2);
        String[] properties = {"--sessiongrid.cluster.name=" + grid.clusterName(),
                "--sessiongrid.client.addresses=127.0.0.1:" + grid.port(0) + ",127.0.0.1:" + grid.port(1),
                "--sessiongrid.session.read-mode=validated"};
        a = SpringSessionApp.start(properties);
        b = SpringSessionApp.start(properties);
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

    private static URI uri(ConfigurableApplicationContext app, String path) {
        return URI.create("http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port") + path);
    }

    private static HttpResponse<String> send(HttpClient client, ConfigurableApplicationContext app, String method,
                                             String path) throws Exception {
        return client.send(HttpRequest.newBuilder(uri(app, path)).method(method, HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpClient browser() {
        return HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    }

    private static String cookie(HttpClient browser) {
        return ((CookieManager) browser.cookieHandler().orElseThrow()).getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals("SESSION")).map(HttpCookie::getValue).findFirst().orElse(null);
    }

    @Test
    void springSessionsFilterKeepsTheSessionInTheGridAcrossInstances() throws Exception {
        HttpClient browser = browser();
        HttpResponse<String> set = send(browser, a, "POST", "/set?name=user&value=ann");
        assertTrue(set.headers().firstValue("Set-Cookie").orElseThrow().startsWith("SESSION="),
                "Spring Session's cookie: the starter's own filter stood back " + set.headers());
        assertEquals("ann", send(browser, b, "GET", "/get?name=user").body());
        assertEquals(1, a.getBean(GridSessionRepository.class).findById(
                new String(java.util.Base64.getDecoder().decode(cookie(browser)))).getAttributeNames().size());
    }

    @Test
    void concurrentRequestsOnDistinctAttributesLoseNothing() throws Exception {
        HttpClient browser = browser();
        send(browser, a, "POST", "/set?name=start&value=1");
        List<CompletableFuture<HttpResponse<String>>> writes = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            writes.add(browser.sendAsync(HttpRequest.newBuilder(uri(i % 2 == 0 ? a : b, "/set?name=a" + i
                    + "&value=" + i)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> w : writes) {
            assertEquals(200, w.join().statusCode());
        }
        String names = send(browser, b, "GET", "/names").body();
        for (int i = 0; i < 24; i++) {
            assertTrue(names.contains("a" + i + ",") || names.contains("a" + i + "]"), "a" + i + " in " + names);
        }
    }

    @Test
    void anIdChangeKillsTheOldIdEverywhereAndThePrincipalIndexFindsTheSession() throws Exception {
        HttpClient browser = browser();
        send(browser, a, "POST", "/set?name=cart&value=book");
        String before = cookie(browser);
        send(browser, a, "POST", "/login?user=carol");
        String after = cookie(browser);
        assertNotEquals(before, after);
        assertEquals("book", send(browser, b, "GET", "/get?name=cart").body(), "attributes kept");
        HttpResponse<String> old = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri(b, "/get?name=cart"))
                .header("Cookie", "SESSION=" + before).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals("no-session", old.body(), "the old id finds nothing on the other instance");

        GridSessionRepository repository = b.getBean(GridSessionRepository.class);
        Map<String, GridSpringSession> found = repository.findByPrincipalName("carol");
        assertEquals(1, found.size());
        GridSpringSession indexed = found.values().iterator().next();
        assertTrue(indexed.getAttributeNames().contains("cart"));
        assertNull(indexed.getAttribute("cart"), "the index shows names, not values");
        repository.deleteById(found.keySet().iterator().next());
        assertEquals("no-session", send(browser, a, "GET", "/get?name=cart").body(), "deleted by key");
    }

    @Test
    void anExpiryIsPublishedOnceAcrossBothInstances() throws Exception {
        int before = count();
        HttpClient browser = browser();
        send(browser, a, "POST", "/set?name=x&value=1");
        send(browser, b, "POST", "/idle?seconds=1");
        await("one SessionExpiredEvent").atMost(Duration.ofSeconds(30)).until(() -> count() == before + 1);
        assertEquals("no-session", send(browser, a, "GET", "/get?name=x").body());
        await("no second event, on either instance").during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                .until(() -> count() == before + 1);
    }

    @Test
    void aMalformedOrForgedIdIsNoSessionAndNoError() throws Exception {
        for (String bad : List.of("x", "A".repeat(43), "%%%", "A".repeat(5000))) {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri(a, "/get?name=x"))
                    .header("Cookie", "SESSION=" + bad).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), bad);
            assertEquals("no-session", r.body(), bad);
        }
        assertNull(a.getBean(GridSessionRepository.class).findById("not an id"));
    }

    private int count() {
        return a.getBean(TestApplications.ExpiredEvents.class).count()
                + b.getBean(TestApplications.ExpiredEvents.class).count();
    }
}
