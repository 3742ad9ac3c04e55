package io.sessiongrid.node.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Reads a grid-node's endpoints over real HTTP: one metric's value from /metrics, or a health answer. */
public final class NodeScrape {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String baseUrl;

    public NodeScrape(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /**
     * The value of the first sample whose line starts with {@code name} followed by a space or {@code {}, or
     * with {@code name} itself when it already holds labels.
     */
    public double metric(String name) throws IOException, InterruptedException {
        String text = get("/metrics").body();
        for (String line : text.split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")
                    || (name.contains("{") && line.startsWith(name))) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        throw new AssertionError("no metric " + name + " in:\n" + text);
    }

    /** The status of a health endpoint, or -1 while nothing listens. */
    public int status(String path) throws InterruptedException {
        try {
            return get(path).statusCode();
        } catch (IOException notListening) {
            return -1;
        }
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
