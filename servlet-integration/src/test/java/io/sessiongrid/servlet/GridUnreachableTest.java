package io.sessiongrid.servlet;

import com.hazelcast.core.LifecycleEvent;
import io.sessiongrid.client.api.StoreSettings;
import io.sessiongrid.client.hazelcast.SessionGrid;
import io.sessiongrid.client.testing.LocalCluster;
import io.sessiongrid.servlet.testing.AppServer;
import io.sessiongrid.servlet.testing.JettyAppServer;
import io.sessiongrid.servlet.testing.SessionTestServlet;
import io.sessiongrid.servlet.testing.TomcatAppServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** With every member gone, requests that need the session fail fast with 503 instead of hanging. */
class GridUnreachableTest {

    @ParameterizedTest
    @ValueSource(strings = {"jetty", "tomcat"})
    void requestsAnswer503WithinTheOperationTimeout(String containerName) throws Exception {
        AppServer.Container container = containerName.equals("jetty") ? JettyAppServer::start
                : TomcatAppServer::start;
        try (LocalCluster cluster = new LocalCluster(1);
             SessionGrid grid = SessionGrid.client(cluster.clientSettings().operationTimeout(Duration.ofSeconds(2))
                     .build());
             AppServer app = container.start(new SessionGridFilter(grid.openStore(StoreSettings.builder()
                     .mapName("sessions-app").build()), SessionFilterSettings.defaults()), new SessionTestServlet())) {
            HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
            assertEquals(200, send(browser, app, "/set?name=a&value=1", "POST").statusCode());

            AtomicBoolean disconnected = new AtomicBoolean();
            grid.hazelcast().getLifecycleService().addLifecycleListener(event -> {
                if (event.getState() == LifecycleEvent.LifecycleState.CLIENT_DISCONNECTED) {
                    disconnected.set(true);
                }
            });
            cluster.members().get(0).getLifecycleService().terminate();
            await("the client sees the grid gone").atMost(Duration.ofSeconds(20)).untilTrue(disconnected);

            for (String path : new String[]{"/get?name=a", "/set?name=b&value=2"}) {
                Instant start = Instant.now();
                HttpResponse<String> r = send(browser, app, path, "POST");
                assertEquals(503, r.statusCode(), path + ": " + r.body());
                assertTrue(Duration.between(start, Instant.now()).toSeconds() <= 5, path + " failed fast");
            }
            HttpResponse<String> fresh = send(HttpClient.newHttpClient(), app, "/set?name=c&value=3", "POST");
            assertEquals(503, fresh.statusCode(), "a new session cannot be created either");
        }
    }

    private static HttpResponse<String> send(HttpClient client, AppServer app, String path, String method)
            throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }
}
