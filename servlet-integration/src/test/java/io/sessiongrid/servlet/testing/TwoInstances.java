package io.sessiongrid.servlet.testing;

import io.sessiongrid.client.api.SessionStore;
import io.sessiongrid.client.api.StoreSettings;
import io.sessiongrid.client.hazelcast.SessionGrid;
import io.sessiongrid.client.testing.LocalCluster;
import io.sessiongrid.servlet.SessionFilterSettings;
import io.sessiongrid.servlet.SessionGridFilter;
import jakarta.servlet.http.HttpServlet;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Application instances in one kind of container, each a thin client of one real grid, and a browser that
 * alternates between them with no stickiness (its cookies are shared by all, as behind a round-robin balancer).
 * Closing it stops every instance, client and member it started.
 */
public final class TwoInstances implements AutoCloseable {
    private final AppServer.Container container;
    private final LocalCluster cluster = new LocalCluster(2);
    private final List<SessionGrid> grids = new ArrayList<>();
    private final List<AppServer> servers = new ArrayList<>();
    private HttpClient browser;

    public TwoInstances(AppServer.Container container) {
        this.container = container;
        newBrowser();
    }

    public LocalCluster cluster() {
        return cluster;
    }

    /** A new instance over its own client of the grid, its store on map {@code sessions-app}. */
    public AppServer instance(StoreSettings.Builder store, SessionFilterSettings settings) {
        return instance(store, settings, grid -> new SessionTestServlet());
    }

    /** As above, with the servlet made for the instance's store. */
    public AppServer instance(StoreSettings.Builder store, SessionFilterSettings settings,
                              Function<SessionStore, HttpServlet> servlet) {
        SessionGrid grid = SessionGrid.client(cluster.clientSettings().build());
        grids.add(grid);
        SessionStore opened = grid.openStore(store.mapName("sessions-app").build());
        AppServer server = container.start(new SessionGridFilter(opened, settings), servlet.apply(opened));
        servers.add(server);
        return server;
    }

    /** Forgets every cookie: the next request is a new browser's. */
    public void newBrowser() {
        browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    }

    public HttpClient browser() {
        return browser;
    }

    public void useBrowser(HttpClient other) {
        browser = other;
    }

    /** The browser's session cookie. */
    public String sessionCookie() {
        return ((CookieManager) browser.cookieHandler().orElseThrow()).getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals("GRIDSESSION")).findFirst().orElseThrow().getValue();
    }

    public HttpResponse<String> send(AppServer server, String path, String method) throws Exception {
        return browser.send(request(server, path, method), HttpResponse.BodyHandlers.ofString());
    }

    public static HttpRequest request(AppServer server, String path, String method) {
        return HttpRequest.newBuilder(uri(server, path)).method(method, HttpRequest.BodyPublishers.noBody()).build();
    }

    public static URI uri(AppServer server, String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    @Override
    public void close() {
        servers.forEach(AppServer::close);
        grids.forEach(SessionGrid::close);
        cluster.close();
    }
}
