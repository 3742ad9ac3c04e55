package io.sessiongrid.reliability;

import io.sessiongrid.client.api.SessionStore;
import io.sessiongrid.client.api.StoreSettings;
import io.sessiongrid.client.hazelcast.SessionGrid;
import io.sessiongrid.node.testing.GridNodeProcesses;
import io.sessiongrid.node.testing.NodeScrape;
import io.sessiongrid.servlet.SessionFilterSettings;
import io.sessiongrid.servlet.SessionGridFilter;
import io.sessiongrid.servlet.testing.AppServer;
import io.sessiongrid.servlet.testing.JettyAppServer;
import io.sessiongrid.servlet.testing.SessionTestServlet;
import io.sessiongrid.servlet.testing.TomcatAppServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Faults of grid-node processes while browsers use two application instances (Jetty 12 and Tomcat 11, each a
 * thin client with the filter): a member killed with SIGKILL fails no request and loses no write; all members
 * gone makes the applications answer 503 at once, and they serve again by themselves when members return; a
 * rolling restart of all three fails no request and loses no write. The rolling restart, the longest of the three
 * (three graceful hand-overs and restarts of a JVM on two cores), runs with {@code -Plong}; the default run keeps
 * grid-node's RollingRestartTest, which restarts one member under a client's load.
 */
class MemberFaultsUnderLoadTest {
    private static final int BROWSERS = 8;
    private static final int REQUESTS_PER_PHASE = Integer.getInteger("reliability.requests-per-phase", 400);

    @TempDir
    Path dir;
    private GridNodeProcesses nodes;
    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void stopEverything() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
        if (nodes != null) {
            nodes.close();
        }
    }

    @Test
    void killingOneOfThreeMembersUnderLoadFailsNoRequestAndLosesNoWrite() throws Exception {
        nodes = startGrid();
        AppServer[] apps = startApps(Duration.ofSeconds(10));
        BrowserLoad load = new BrowserLoad(apps, BROWSERS);
        opened.add(load);
        await("load before the crash").atMost(Duration.ofMinutes(5)).until(() -> load.requests() >= REQUESTS_PER_PHASE);
        long atCrash = load.requests();
        nodes.process(0).destroyForcibly();
        assertTrue(nodes.process(0).waitFor(30, TimeUnit.SECONDS));
        NodeScrape survivor = new NodeScrape(nodes.endpoints(1));
        await("the grid notices").atMost(Duration.ofSeconds(60)).until(() -> survivor.metric("sessiongrid_members") == 2);
        await("load after the crash").atMost(Duration.ofMinutes(5))
                .until(() -> load.requests() >= atCrash + 2L * REQUESTS_PER_PHASE);
        List<String> wrong = load.stopAndCheck();
        assertEquals(List.of(), load.failures().subList(0, Math.min(3, load.failures().size())),
                load.failures().size() + " failed");
        assertEquals(List.of(), wrong, "writes lost");
        System.out.printf("kill -9 under load: %d requests (%d after the crash), 0 failed, 0 writes lost%n",
                load.requests(), load.requests() - atCrash);
    }

    @Test
    @Tag("long")
    void rollingRestartOfAllThreeMembersUnderLoadFailsNoRequestAndLosesNoWrite() throws Exception {
        nodes = startGrid();
        AppServer[] apps = startApps(Duration.ofSeconds(10));
        BrowserLoad load = new BrowserLoad(apps, BROWSERS);
        opened.add(load);
        for (int i = 0; i < 3; i++) {
            long before = load.requests();
            await("load before restarting node " + i).atMost(Duration.ofMinutes(5))
                    .until(() -> load.requests() >= before + REQUESTS_PER_PHASE / 2);
            nodes.process(i).destroy();
            assertTrue(nodes.process(i).waitFor(90, TimeUnit.SECONDS));
            assertEquals(143, nodes.process(i).exitValue(), "graceful exit");
            nodes.start(i);
            awaitAllReady(nodes);
        }
        List<String> wrong = load.stopAndCheck();
        assertEquals(List.of(), load.failures().subList(0, Math.min(3, load.failures().size())),
                load.failures().size() + " failed");
        assertEquals(List.of(), wrong, "writes lost");
        System.out.printf("rolling restart under load: %d requests, 0 failed, 0 writes lost%n", load.requests());
    }

    @Test
    void allMembersGoneTheAppsAnswer503FastAndServeAgainWhenMembersReturn() throws Exception {
        nodes = startGrid();
        AppServer[] apps = startApps(Duration.ofSeconds(3));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> created = get(http, apps[0], "/set?name=user&value=ann", null);
        String cookie = created.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        assertEquals("ann", get(http, apps[1], "/get?name=user", cookie).body());

        for (int i = 0; i < 3; i++) {
            nodes.process(i).destroyForcibly();
        }
        for (int i = 0; i < 3; i++) {
            assertTrue(nodes.process(i).waitFor(30, TimeUnit.SECONDS));
        }
        for (AppServer app : apps) {
            long started = System.nanoTime();
            HttpResponse<String> down = get(http, app, "/get?name=user", cookie);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            assertEquals(503, down.statusCode(), down.body());
            assertTrue(millis < 5_000, "answered in " + millis + " ms, within the 3 s operation timeout");
        }
        await("503 while the grid is away, at once").atMost(Duration.ofSeconds(30))
                .until(() -> get(http, apps[0], "/set?name=user&value=bob", null).statusCode() == 503);

        for (int i = 0; i < 3; i++) {
            nodes.start(i);
        }
        for (AppServer app : apps) {
            await("the application reconnects by itself").atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> get(http, app, "/get?name=user", cookie).statusCode() == 200);
        }
        assertEquals("no-session", get(http, apps[0], "/get?name=user", cookie).body(),
                "sessions lived only in the members' memory: gone with all of them");
        HttpResponse<String> again = get(http, apps[0], "/set?name=user&value=carl", null);
        String fresh = again.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        assertEquals("carl", get(http, apps[1], "/get?name=user", fresh).body(), "new sessions work across both");
    }

    private GridNodeProcesses startGrid() {
        GridNodeProcesses grid = new GridNodeProcesses(3, dir);
        for (int i = 0; i < 3; i++) {
            grid.start(i);
        }
        awaitAllReady(grid);
        return grid;
    }

    private static void awaitAllReady(GridNodeProcesses grid) {
        for (int i = 0; i < 3; i++) {
            NodeScrape node = new NodeScrape(grid.endpoints(i));
            await("node " + i + " ready").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                    .until(() -> node.status("/health/ready") == 200 && node.metric("sessiongrid_members") == 3);
        }
    }

    private AppServer[] startApps(Duration operationTimeout) {
        AppServer[] apps = new AppServer[2];
        for (int i = 0; i < 2; i++) {
            SessionGrid grid = SessionGrid.client(nodes.clientSettings().operationTimeout(operationTimeout)
                    .connectTimeout(Duration.ofSeconds(60)).build());
            opened.add(grid);
            SessionStore store = grid.openStore(StoreSettings.defaults());
            SessionGridFilter filter = new SessionGridFilter(store, SessionFilterSettings.defaults());
            apps[i] = i == 0 ? JettyAppServer.start(filter, new SessionTestServlet())
                    : TomcatAppServer.start(filter, new SessionTestServlet());
            opened.add(apps[i]);
        }
        return apps;
    }

    private static HttpResponse<String> get(HttpClient http, AppServer app, String path, String cookie)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
                .timeout(Duration.ofSeconds(30));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
