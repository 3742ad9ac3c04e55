package io.sessiongrid.servlet;

import io.sessiongrid.client.api.SessionStore;
import io.sessiongrid.client.api.StoreSettings;
import io.sessiongrid.client.hazelcast.SessionGrid;
import io.sessiongrid.client.testing.SharedGrid;
import io.sessiongrid.client.testing.SharedGridResolver;
import io.sessiongrid.servlet.testing.AppServer;
import io.sessiongrid.servlet.testing.JettyAppServer;
import io.sessiongrid.servlet.testing.SessionTestServlet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code session.save-mode}: by default a value changed in place reaches the grid; with on-set-attribute only
 * values set through the session do, as with Spring Session's default. Two Jetty instances over one real grid,
 * a browser alternating between them.
 */
@ExtendWith(SharedGridResolver.class)
class SaveModeTest {
    @Test
    void onSetAttributeWritesValuesSetAndLeavesValuesChangedInPlace(SharedGrid grid) throws Exception {
        String map = grid.nextMapName();
        SessionFilterSettings settings = SessionFilterSettings.builder().saveMode(SaveMode.ON_SET_ATTRIBUTE).build();
        try (AppServer a = JettyAppServer.start(filter(grid.clientA(), map, settings), new SessionTestServlet());
             AppServer b = JettyAppServer.start(filter(grid.clientB(), map, settings), new SessionTestServlet())) {
            HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
            assertEquals("ok", call(browser, a, "/mutate?value=book"));
            assertEquals("ok", call(browser, b, "/mutate?value=pen"));
            assertEquals("ok", call(browser, a, "/mutate?value=cup"));
            assertEquals("[book]", call(browser, b, "/get?name=cart"), "the in-place changes were not written");
            assertEquals("ok", call(browser, a, "/mutate?value=hat"));
            assertEquals("[book]", call(browser, a, "/get?name=cart"),
                    "a later request on the same node gets the stored value, not the last request's object");
            assertEquals("ok", call(browser, b, "/set?name=user&value=ann"));
            assertEquals("ann", call(browser, a, "/get?name=user"));
        }
    }

    @Test
    void theDefaultWritesValuesChangedInPlace(SharedGrid grid) throws Exception {
        String map = grid.nextMapName();
        assertEquals(SaveMode.ON_CHANGE, SessionFilterSettings.defaults().saveMode());
        try (AppServer a = JettyAppServer.start(filter(grid.clientA(), map, SessionFilterSettings.defaults()),
                new SessionTestServlet());
             AppServer b = JettyAppServer.start(filter(grid.clientB(), map, SessionFilterSettings.defaults()),
                     new SessionTestServlet())) {
            HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
            call(browser, a, "/mutate?value=book");
            call(browser, b, "/mutate?value=pen");
            assertEquals("[book, pen]", call(browser, a, "/get?name=cart"));
        }
    }

    @Test
    void initParamSelectsTheModeAndRejectsOthersByName() {
        ClassLoader loader = getClass().getClassLoader();
        assertEquals(SaveMode.ON_SET_ATTRIBUTE,
                new InitParams(Map.of("session.save-mode", "On-Set-Attribute")).web(loader).saveMode());
        assertEquals(SaveMode.ON_CHANGE, new InitParams(Map.of("session.save-mode", "on-change")).web(loader)
                .saveMode());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new InitParams(Map.of("session.save-mode", "always")).web(loader));
        assertTrue(e.getMessage().contains("session.save-mode must be one of on-change, on-set-attribute")
                && e.getMessage().contains("always"),
                e.getMessage());
    }

    private static SessionGridFilter filter(SessionGrid client, String map, SessionFilterSettings settings) {
        SessionStore store = client.openStore(StoreSettings.builder().mapName(map).build());
        return new SessionGridFilter(store, settings);
    }

    private static String call(HttpClient browser, AppServer app, String path) throws Exception {
        HttpResponse<String> r = browser.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        return r.body();
    }
}
