package io.sessiongrid.node.http;

import io.sessiongrid.client.testing.LocalCluster;
import io.sessiongrid.node.server.GridNode;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A real grid-node member joining a real member: ready once joined and safe, not ready once shutdown begins. */
class NodeEndpointsTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void readyAfterJoiningAndNotReadyFromTheStartOfShutdown() throws Exception {
        try (LocalCluster cluster = new LocalCluster(2, 1);
             GridNode node = GridNode.start(cluster.memberSettings(1).build());
             NodeEndpoints health = new NodeEndpoints(node, () -> "", "127.0.0.1", 0)) {
            assertEquals(200, get(health, "/health/live").statusCode());
            await("ready once joined with safe partitions").atMost(Duration.ofSeconds(60))
                    .until(() -> get(health, "/health/ready").statusCode() == 200);
            assertEquals(2, node.member().getCluster().getMembers().size());

            node.beginShutdown();
            HttpResponse<String> ready = get(health, "/health/ready");
            assertEquals(503, ready.statusCode());
            assertTrue(ready.body().contains("shutting down"), ready.body());
            assertEquals(200, get(health, "/health/live").statusCode(), "still alive while it hands data over");

            node.close();
            assertEquals(503, get(health, "/health/live").statusCode());
        }
    }

    private HttpResponse<String> get(NodeEndpoints health, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + health.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
