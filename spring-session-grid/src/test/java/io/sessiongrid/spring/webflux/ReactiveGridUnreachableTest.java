package io.sessiongrid.spring.webflux;

import com.hazelcast.core.LifecycleEvent;
import io.sessiongrid.client.testing.LocalCluster;
import io.sessiongrid.spring.boot.SessionGridConnection;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A WebFlux application whose grid is gone answers 503 fast, as a servlet application does, not 500 or never. */
class ReactiveGridUnreachableTest {
    private static final List<String> BLOCKING_CALLS = BlockingCalls.recorded();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void requestsThatNeedTheSessionAnswer503WithinTheOperationTimeout() throws Exception {
        try (LocalCluster grid = new LocalCluster(1);
             ConfigurableApplicationContext app = ReactiveApp.start(
                     "--sessiongrid.client.addresses=127.0.0.1:" + grid.port(0),
                     "--sessiongrid.cluster.name=" + grid.clusterName(),
                     "--sessiongrid.client.operation-timeout=2s")) {
            HttpResponse<String> set = send(app, "/set?name=a&value=1", null);
            assertEquals(200, set.statusCode(), set.body());
            String cookie = set.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
            assertEquals("1", send(app, "/get?name=a", cookie).body());

            AtomicBoolean disconnected = new AtomicBoolean();
            app.getBean(SessionGridConnection.class).grid().orElseThrow().hazelcast().getLifecycleService()
                    .addLifecycleListener(event -> {
                        if (event.getState() == LifecycleEvent.LifecycleState.CLIENT_DISCONNECTED) {
                            disconnected.set(true);
                        }
                    });
            grid.members().get(0).getLifecycleService().terminate();
            await("the client sees the grid gone").atMost(Duration.ofSeconds(20)).untilTrue(disconnected);

            for (String path : new String[] {"/get?name=a", "/set?name=b&value=2"}) {
                Instant start = Instant.now();
                HttpResponse<String> r = send(app, path, cookie);
                assertEquals(503, r.statusCode(), path + ": " + r.body());
                assertTrue(r.body().contains("session store is not reachable"), r.body());
                assertTrue(Duration.between(start, Instant.now()).toSeconds() <= 5, path + " failed fast");
            }
            HttpResponse<String> fresh = send(app, "/set?name=c&value=3", null);
            assertEquals(503, fresh.statusCode(), "a new session cannot be stored either: " + fresh.body());
        }
        assertEquals(List.of(), BLOCKING_CALLS, "the 503 is answered without blocking an event loop");
    }

    private HttpResponse<String> send(ConfigurableApplicationContext app, String path, String cookie)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + app.getEnvironment().getProperty("local.server.port") + path)).timeout(Duration.ofSeconds(20))
                .method(path.startsWith("/get") ? "GET" : "POST", HttpRequest.BodyPublishers.noBody());
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
