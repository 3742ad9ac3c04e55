package io.sessiongrid.demo;

import io.sessiongrid.client.hazelcast.SessionGrid;
import io.sessiongrid.client.testing.LocalCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Two demo instances on one real grid, driven over HTTP with no stickiness: the session follows each request. */
class DemoAppTest {
    private LocalCluster cluster;
    private DemoApp a;
    private DemoApp b;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).build();

    @BeforeEach
    void start() {
        cluster = new LocalCluster(2);
        a = new DemoApp("A", 0, SessionGrid.client(cluster.clientSettings().build()));
        b = new DemoApp("B", 0, SessionGrid.client(cluster.clientSettings().build()));
    }

    @AfterEach
    void stop() {
        a.close();
        b.close();
        cluster.close();
    }

    @Test
    void sessionFollowsRequestsAlternatingBetweenInstances() throws Exception {
        assertEquals(303, post(a, "/increment", "").statusCode());
        String page = get(b);
        assertTrue(page.contains("Served by instance B") && page.contains("id=counter>1<"), page);
        post(b, "/increment", "");
        post(a, "/cart", "item=pen");
        page = get(b);
        assertTrue(page.contains("id=counter>2<") && page.contains("id=cart>pen<"), page);

        String before = sessionCookie();
        post(a, "/login", "user=ann");
        assertNotEquals(before, sessionCookie(), "login moves the session to a new id");
        page = get(b);
        assertTrue(page.contains("id=user>ann<") && page.contains("id=counter>2<"), page);

        post(b, "/logout", "");
        assertTrue(get(a).contains("No session yet"));
    }

    @Test
    void thePageSaysWhoseSessionItIsOffersOnlyTheLoginThatAppliesAndShowsTheFiltersMeters() throws Exception {
        String fresh = get(a);
        assertTrue(fresh.contains("No session yet") && fresh.contains("Log in") && !fresh.contains("Log out"), fresh);
        post(a, "/login", "user=bo");
        String page = get(b);
        assertTrue(page.contains("the session of <b id=user>bo</b>") && page.contains("Log out")
                && !page.contains("Log in"), page);
        assertTrue(page.matches("(?s).*id=meters>This instance: [1-9][0-9]* sessions loaded .*"), page);
        assertTrue(page.contains("curl -s -H 'X-Session: "), page);
    }

    @Test
    void anApiClientCarriesTheIdInTheHeaderAcrossInstancesWithoutACookie() throws Exception {
        HttpClient api = HttpClient.newHttpClient();
        HttpResponse<String> created = api.send(HttpRequest.newBuilder(uri(a, "/increment")).header("X-Session", "")
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, created.statusCode(), created.body());
        String id = created.headers().firstValue("X-Session").orElseThrow();
        assertTrue(created.headers().allValues("Set-Cookie").isEmpty(), "the id answers on the header only");
        HttpResponse<String> read = api.send(HttpRequest.newBuilder(uri(b, "/api")).header("X-Session", id).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals("{\"instance\":\"B\",\"counter\":1,\"cart\":[],\"user\":null}", read.body().trim());
    }

    @Test
    void concurrentAddsToTheCartOnBothInstancesAreAllKept() throws Exception {
        post(a, "/cart", "item=first");
        List<CompletableFuture<HttpResponse<String>>> adds = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            DemoApp target = i % 2 == 0 ? a : b;
            adds.add(browser.sendAsync(HttpRequest.newBuilder(uri(target, "/cart")).header("Content-Type",
                    "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString("item=i" + i))
                    .build(), HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> add : adds) {
            assertEquals(303, add.get().statusCode());
        }
        String page = get(a);
        String cart = page.substring(page.indexOf("id=cart>") + 8, page.indexOf("</span>", page.indexOf("id=cart>")));
        assertEquals(33, cart.split(", ").length, "the cart path is locked, so no add is lost: " + cart);
    }

    private String sessionCookie() {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("GRIDSESSION"))
                .map(HttpCookie::getValue).findFirst().orElse(null);
    }

    private String get(DemoApp demo) throws Exception {
        HttpResponse<String> r = browser.send(HttpRequest.newBuilder(uri(demo, "/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        return r.body();
    }

    private HttpResponse<String> post(DemoApp demo, String path, String form) throws Exception {
        return browser.send(HttpRequest.newBuilder(uri(demo, path)).header("Content-Type",
                "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(DemoApp demo, String path) {
        return URI.create("http://127.0.0.1:" + demo.port() + path);
    }
}
