package io.sessiongrid.demo;

import io.sessiongrid.client.api.StoreSettings;
import io.sessiongrid.client.hazelcast.SessionGrid;
import io.sessiongrid.client.testing.LocalCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Two demo instances on one real grid, driven over HTTP with no stickiness: the session follows each request. */
class StoreDemoTest {
    private LocalCluster cluster;
    private StoreDemo a;
    private StoreDemo b;
    private final HttpClient http = HttpClient.newHttpClient();
    private String cookie;

    @BeforeEach
    void start() {
        cluster = new LocalCluster(2);
        a = new StoreDemo("A", 0, SessionGrid.client(cluster.clientSettings().build()), StoreSettings.defaults());
        b = new StoreDemo("B", 0, SessionGrid.client(cluster.clientSettings().build()), StoreSettings.defaults());
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
        assertTrue(get(b).contains("id=counter>1<"));
        post(b, "/increment", "");
        post(a, "/cart", "item=pen");
        String page = get(b);
        assertTrue(page.contains("id=counter>2<") && page.contains("id=cart>pen<"), page);

        String before = cookie;
        post(a, "/login", "user=ann");
        assertNotEquals(before, cookie, "login moves the session to a new id");
        page = get(b);
        assertTrue(page.contains("id=user>ann<") && page.contains("id=counter>2<"), page);

        post(b, "/logout", "");
        assertTrue(get(a).contains("No session yet"));
    }

    @Test
    void malformedOrUnknownCookieIsNoSession() throws Exception {
        cookie = "not-a-session-id";
        assertTrue(get(a).contains("No session yet"));
        cookie = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
        assertTrue(get(b).contains("No session yet"));
    }

    private String get(StoreDemo demo) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(request(demo, "/").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        return r.body();
    }

    private HttpResponse<String> post(StoreDemo demo, String path, String form) throws IOException,
            InterruptedException {
        HttpResponse<String> r = http.send(request(demo, path).header("Content-Type",
                "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
        Optional<String> set = r.headers().firstValue("Set-Cookie");
        set.ifPresent(c -> cookie = c.startsWith(DemoHandler.COOKIE + "=;") ? null
                : c.substring(DemoHandler.COOKIE.length() + 1, c.indexOf(';')));
        return r;
    }

    private HttpRequest.Builder request(StoreDemo demo, String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + demo.port() + path));
        if (cookie != null) {
            b.header("Cookie", DemoHandler.COOKIE + "=" + cookie);
        }
        return b;
    }
}
