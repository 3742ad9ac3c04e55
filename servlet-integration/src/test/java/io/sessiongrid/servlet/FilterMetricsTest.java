package io.sessiongrid.servlet;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sessiongrid.client.api.SessionChanges;
import io.sessiongrid.client.api.SessionId;
import io.sessiongrid.client.api.SessionStore;
import io.sessiongrid.client.api.StoreSettings;
import io.sessiongrid.client.testing.Gadget;
import io.sessiongrid.client.testing.SharedGrid;
import io.sessiongrid.client.testing.SharedGridResolver;
import io.sessiongrid.servlet.testing.AppServer;
import io.sessiongrid.servlet.testing.JettyAppServer;
import io.sessiongrid.servlet.testing.SessionTestServlet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The filter's meters, in the application's registry, move with real requests through embedded Jetty. */
@ExtendWith(SharedGridResolver.class)
class FilterMetricsTest {
    private static final String COOKIE = "GRIDSESSION";

    @Test
    void metersFollowLoadsWritesLocksDecodeFailuresAndRejectedIds(SharedGrid grid) throws Exception {
        String map = grid.nextMapName();
        SessionStore store = grid.clientA().openStore(StoreSettings.builder().mapName(map).build());
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        SessionGridFilter filter = new SessionGridFilter(store, SessionFilterSettings.builder()
                .lockedPath("/locked/*").lockWait(Duration.ofMillis(300)).meterRegistry(registry).build());
        CookieManager cookies = new CookieManager();
        HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).build();
        try (AppServer app = JettyAppServer.start(filter, new SessionTestServlet())) {
            assertEquals("ok", get(browser, app, "/set?name=cart&value=" + "x".repeat(300)).body());
            // The creation (no values yet) and the request's one delta: a value written at the end of the chain is
            // not sent again when the response commits.
            assertEquals(2, registry.get("sessiongrid.http.session.write.size").summary().count());
            assertTrue(registry.get("sessiongrid.http.session.write.size").summary().max() > 300);
            assertEquals(1, registry.get("sessiongrid.http.session.flush").timer().count());

            assertEquals("x".repeat(300), get(browser, app, "/get?name=cart").body());
            assertEquals(1, registry.get("sessiongrid.http.session.load").timer().count());

            HttpClient stranger = HttpClient.newHttpClient();
            get(stranger, app, "/get?name=cart", COOKIE + "=not-an-id");
            assertEquals(1, rejected(registry, "malformed"));
            get(stranger, app, "/get?name=cart",
                    COOKIE + "=" + SessionId.fromRandomBytes(new byte[SessionId.RANDOM_BYTES]).value());
            assertEquals(1, rejected(registry, "unknown"));
            StringBuilder many = new StringBuilder();
            for (int i = 0; i < 5; i++) {
                byte[] random = new byte[SessionId.RANDOM_BYTES];
                random[0] = (byte) i;
                many.append(i == 0 ? "" : "; ").append(COOKIE).append('=')
                        .append(SessionId.fromRandomBytes(random).value());
            }
            get(stranger, app, "/get?name=cart", many.toString());
            assertEquals(1, rejected(registry, "excess"));

            CompletableFuture<HttpResponse<String>> holder = browser.sendAsync(request(app, "/locked/hold"),
                    HttpResponse.BodyHandlers.ofString());
            await("the holder has the lock").atMost(Duration.ofSeconds(10))
                    .until(() -> get(browser, app, "/locked/incr").statusCode() == 503);
            assertTrue(registry.get("sessiongrid.http.session.lock.timeouts").counter().count() >= 1);
            get(browser, app, "/release");
            assertEquals("released", holder.get().body());
            assertEquals(200, get(browser, app, "/locked/incr").statusCode());
            assertTrue(registry.get("sessiongrid.http.session.lock.wait").timer().count() >= 2);

            SessionId id = SessionId.parse(sessionCookie(cookies).getValue());
            SessionStore permissive = grid.clientB().openStore(StoreSettings.builder().mapName(map)
                    .allowClasses("io.sessiongrid.client.testing.*").build());
            permissive.apply(id, SessionChanges.builder().set("gadget", new Gadget()).build());
            assertEquals(500, get(browser, app, "/get?name=gadget").statusCode());
            assertEquals(1, registry.get("sessiongrid.http.session.decode.failures").counter().count());
            assertEquals(200, get(browser, app, "/get?name=cart").statusCode(), "the session stays usable");
        }
    }

    @Test
    void aLockedRequestThatOutlivesItsLeaseIsCounted(SharedGrid grid) throws Exception {
        SessionStore store = grid.clientA().openStore(StoreSettings.builder().mapName(grid.nextMapName())
                .lockLease(Duration.ofSeconds(1)).build());
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        SessionGridFilter filter = new SessionGridFilter(store, SessionFilterSettings.builder()
                .lockedPath("/locked/*").meterRegistry(registry).build());
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        try (AppServer app = JettyAppServer.start(filter, new SessionTestServlet())) {
            get(browser, app, "/set?name=a&value=1");
            CompletableFuture<HttpResponse<String>> slow = browser.sendAsync(request(app, "/locked/hold?latch=lease"),
                    HttpResponse.BodyHandlers.ofString());
            await("the lease ran out and another locked request got in").atMost(Duration.ofSeconds(10))
                    .until(() -> get(browser, app, "/locked/incr").statusCode() == 200);
            get(browser, app, "/release?latch=lease");
            assertEquals("released", slow.get().body());
            await().atMost(Duration.ofSeconds(5)).until(() -> registry.get(
                    "sessiongrid.http.session.lock.lease.overruns").counter().count() == 1);
        }
    }

    @Test
    void aRegistryInTheServletContextIsUsedWhenTheSettingsNameNone(SharedGrid grid) throws Exception {
        SessionStore store = grid.clientA().openStore(StoreSettings.builder().mapName(grid.nextMapName()).build());
        MeterRegistry registry = new SimpleMeterRegistry();
        try (AppServer app = JettyAppServer.startWithInitParams(new SessionGridFilter(store,
                SessionFilterSettings.defaults()), Map.of(), Map.of(FilterMetrics.REGISTRY_ATTRIBUTE, registry),
                new SessionTestServlet())) {
            get(HttpClient.newHttpClient(), app, "/get?name=a", COOKIE + "=forged");
            assertEquals(1, rejected(registry, "malformed"));
        }
    }

    private static double rejected(MeterRegistry registry, String reason) {
        return registry.get("sessiongrid.http.session.ids.rejected").tag("reason", reason).counter().count();
    }

    private static HttpCookie sessionCookie(CookieManager cookies) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(COOKIE)).findFirst()
                .orElseThrow();
    }

    private static HttpRequest request(AppServer app, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
                .timeout(Duration.ofSeconds(30)).build();
    }

    private static HttpResponse<String> get(HttpClient client, AppServer app, String path) throws Exception {
        return client.send(request(app, path), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(HttpClient client, AppServer app, String path, String cookie)
            throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
                .header("Cookie", cookie).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
