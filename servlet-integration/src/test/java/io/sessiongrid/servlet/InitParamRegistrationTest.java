package io.sessiongrid.servlet;

import com.hazelcast.core.HazelcastInstance;
import io.sessiongrid.client.testing.FreePorts;
import io.sessiongrid.client.core.SessionRecord;
import io.sessiongrid.client.testing.LocalCluster;
import io.sessiongrid.servlet.testing.AppServer;
import io.sessiongrid.servlet.testing.CountingListener;
import io.sessiongrid.servlet.testing.JettyAppServer;
import io.sessiongrid.servlet.testing.SessionTestServlet;
import io.sessiongrid.servlet.testing.TomcatAppServer;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The filter registered without code: it reads its init-params, connects, and serves, in both containers. */
class InitParamRegistrationTest {

    @ParameterizedTest
    @ValueSource(strings = {"jetty", "tomcat"})
    void filterConfiguredByInitParamsSharesSessionsBetweenInstances(String container) throws Exception {
        try (LocalCluster cluster = new LocalCluster(1)) {
            Map<String, String> params = Map.of(
                    "grid.mode", "client",
                    "cluster.name", cluster.clusterName(),
                    "client.addresses", "127.0.0.1:" + cluster.port(0),
                    "session.map-name", "sessions-shop",
                    "session.max-inactive-interval", "20m",
                    "cookie.name", "SHOPSESSION",
                    "session.listeners", CountingListener.class.getName(),
                    "session.encryption.keys", "2:" + "A".repeat(43) + "=,1:" + "B".repeat(22) + "==");
            try (AppServer a = start(container, params); AppServer b = start(container, params)) {
                HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
                HttpResponse<String> set = send(browser, a, "/set?name=user&value=ann");
                assertTrue(set.headers().firstValue("Set-Cookie").orElseThrow().startsWith("SHOPSESSION="));
                assertEquals("ann", send(browser, b, "/get?name=user").body());
                assertEquals(1, cluster.members().get(0).getMap("sessions-shop").size());
                SessionRecord stored = (SessionRecord) cluster.members().get(0).getMap("sessions-shop").values()
                        .iterator().next();
                assertEquals(2, stored.attributes().get("user")[0], "encrypted by the init-param's key");
                assertEquals(2, stored.attributes().get("user")[1], "with the first (current) key");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"jetty", "tomcat"})
    void initializerRegistersTheFilterFromContextParamsAndOnlyThen(String container) throws Exception {
        try (LocalCluster cluster = new LocalCluster(1)) {
            Map<String, String> contextParams = Map.of(
                    "io.sessiongrid.cluster.name", cluster.clusterName(),
                    "io.sessiongrid.client.addresses", "127.0.0.1:" + cluster.port(0),
                    "io.sessiongrid.session.map-name", "sessions-sci");
            try (AppServer a = startByInitializer(container, contextParams);
                 AppServer b = startByInitializer(container, contextParams);
                 AppServer plain = startByInitializer(container, Map.of("unrelated", "1"))) {
                HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
                HttpResponse<String> set = send(browser, a, "/set?name=user&value=ann");
                assertTrue(set.headers().firstValue("Set-Cookie").orElseThrow().startsWith("GRIDSESSION="));
                assertEquals("ann", send(browser, b, "/get?name=user").body());
                assertEquals(1, cluster.members().get(0).getMap("sessions-sci").size());
                HttpResponse<String> untouched = send(HttpClient.newHttpClient(), plain, "/set?name=user&value=bo");
                assertTrue(untouched.headers().allValues("Set-Cookie").stream()
                        .noneMatch(c -> c.startsWith("GRIDSESSION=")), "no filter without io.sessiongrid.* params");
                assertEquals(1, cluster.members().get(0).getMap("sessions-sci").size());
            }
        }
    }

    private static AppServer startByInitializer(String container, Map<String, String> contextParams) {
        return container.equals("jetty")
                ? JettyAppServer.startWithInitializer(new SessionGridInitializer(), contextParams,
                        new SessionTestServlet())
                : TomcatAppServer.startWithInitializer(new SessionGridInitializer(), contextParams,
                        new SessionTestServlet());
    }

    private static AppServer start(String container, Map<String, String> params) {
        return container.equals("jetty")
                ? JettyAppServer.startWithInitParams(new SessionGridFilter(), params, new SessionTestServlet())
                : TomcatAppServer.startWithInitParams(new SessionGridFilter(), params, new SessionTestServlet());
    }

    @Test
    void everyCookieAttributeIsSettable() throws Exception {
        try (LocalCluster cluster = new LocalCluster(1)) {
            Map<String, String> params = Map.of("cluster.name", cluster.clusterName(),
                    "client.addresses", "127.0.0.1:" + cluster.port(0), "cookie.name", "SID", "cookie.path", "/shop",
                    "cookie.domain", "example.test", "cookie.http-only", "false", "cookie.secure", "true",
                    "cookie.same-site", "None", "cookie.max-age", "1h", "cookie.partitioned", "true");
            try (AppServer app = start("jetty", params)) {
                String cookie = send(HttpClient.newHttpClient(), app, "/set?name=a&value=1").headers()
                        .firstValue("Set-Cookie").orElseThrow();
                assertTrue(cookie.matches("SID=[A-Za-z0-9_-]{43}; Path=/shop; Domain=example.test; Max-Age=3600;"
                        + " Secure; SameSite=None; Partitioned"), cookie);
            }
        }
    }

    @Test
    void embeddedModeJoinsTheGridAndLeavesItWhenTheFilterStops() throws Exception {
        try (LocalCluster cluster = new LocalCluster(1)) {
            Map<String, String> params = Map.of("grid.mode", "embedded", "cluster.name", cluster.clusterName(),
                    "network.port", String.valueOf(FreePorts.take(1)[0]), "join.members", "127.0.0.1:" + cluster.port(0),
                    "session.map-name", "sessions-embedded");
            try (AppServer app = start("jetty", params)) {
                assertEquals(2, cluster.members().get(0).getCluster().getMembers().size());
                send(HttpClient.newBuilder().cookieHandler(new CookieManager()).build(), app, "/set?name=a&value=1");
                assertEquals(1, cluster.members().get(0).getMap("sessions-embedded").size());
            }
            await("the filter's member leaves with it").atMost(Duration.ofSeconds(60))
                    .until(() -> cluster.members().get(0).getCluster().getMembers().size() == 1);
            assertEquals(1, cluster.members().get(0).getMap("sessions-embedded").size(), "its data stayed");
        }
    }

    @Test
    void instanceModeUsesTheApplicationsHazelcastInstanceAndLeavesItRunning() throws Exception {
        try (LocalCluster cluster = new LocalCluster(1)) {
            HazelcastInstance member = cluster.members().get(0);
            Map<String, String> params = Map.of("grid.mode", "instance", "session.map-name", "sessions-own");
            try (AppServer app = JettyAppServer.startWithInitParams(new SessionGridFilter(), params,
                    Map.of(InitParams.INSTANCE_ATTRIBUTE, member), new SessionTestServlet())) {
                send(HttpClient.newBuilder().cookieHandler(new CookieManager()).build(), app, "/set?name=a&value=1");
                assertEquals(1, member.getMap("sessions-own").size());
            }
            assertTrue(member.getLifecycleService().isRunning(), "a wrapped instance belongs to the application");
        }
    }

    @Test
    void localModeKeepsSessionsInTheApplicationWithoutAnyGrid() throws Exception {
        try (AppServer app = start("jetty", Map.of("grid.mode", "local", "session.max-inactive-interval", "5m"))) {
            HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
            assertTrue(send(browser, app, "/set?name=user&value=ann").headers().firstValue("Set-Cookie").isPresent());
            assertEquals("ann", send(browser, app, "/get?name=user").body());
            assertEquals("no-session", send(HttpClient.newHttpClient(), app, "/get?name=user").body(), "another browser");
        }
    }

    @Test
    void aClientFilterUsesWhateverMapItNames() throws Exception {
        try (LocalCluster cluster = new LocalCluster(1)) {
            Map<String, String> params = Map.of("cluster.name", cluster.clusterName(),
                    "client.addresses", "127.0.0.1:" + cluster.port(0), "session.map-name", "shop");
            try (AppServer a = start("tomcat", params); AppServer b = start("jetty", params)) {
                HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
                send(browser, a, "/set?name=user&value=ann");
                assertEquals("ann", send(browser, b, "/get?name=user").body());
                assertEquals(1, cluster.members().get(0).getMap("shop").size());
            }
        }
    }

    @Test
    void badInitParamsStopTheFilterNamingTheParameter() {
        assertStartFails("unknown init-param sesion.map-name; filter reads", Map.of("sesion.map-name", "sessions-x"));
        assertStartFails("init-param grid.cluster-name is now called cluster.name",
                Map.of("grid.cluster-name", "shop"));
        assertStartFails("init-param logging.level is not read by filter; it is read by grid-node",
                Map.of("logging.level", "info"));
        assertStartFails("did not start: io.sessiongrid.session.header must be a header name",
                Map.of("io.sessiongrid.session.header", "no spaces"));
        assertStartFails("did not start: io.sessiongrid.network.port must be a whole number",
                Map.of("io.sessiongrid.network.port", "57o1"));
        assertStartFails("session.read-mode must be one of validated, sticky", Map.of("session.read-mode", "eventual"));
        assertStartFails("session.max-inactive-interval must be a duration",
                Map.of("session.max-inactive-interval", "30"));
        assertStartFails("cookie.same-site must be one of Strict, Lax, None", Map.of("cookie.same-site", "sometimes"));
        assertStartFails("grid.mode must be one of client, embedded, instance, local", Map.of("grid.mode", "peer"));
        assertStartFails("session.encryption.keys: key 1 must be 16, 24 or 32 bytes",
                Map.of("session.encryption.keys", "1:c2hvcnQ="));
        assertStartFails("session.listeners: cannot create com.example.Missing",
                Map.of("session.listeners", "com.example.Missing"));
        assertStartFails("only without a Domain", Map.of("cookie.name", "__Host-S", "cookie.domain", "example.com"));
        assertStartFails("only with Path=/", Map.of("cookie.name", "__Host-S", "cookie.path", "/shop"));
        assertStartFails("only on a Secure cookie", Map.of("cookie.name", "__Secure-S", "cookie.secure", "false"));
        assertStartFails("session.max-value-depth must be from 2 to 64", Map.of("session.max-value-depth", "1"));
    }

    @Test
    void aHostPrefixedCookieIsSecureAtTheRootAndWithoutDomainOverPlainHttpToo() throws Exception {
        try (LocalCluster cluster = new LocalCluster(1)) {
            Map<String, String> params = Map.of(
                    "cluster.name", cluster.clusterName(),
                    "client.addresses", "127.0.0.1:" + cluster.port(0),
                    "cookie.name", "__Host-SESSION");
            try (AppServer app = start("jetty", params)) {
                HttpClient browser = HttpClient.newHttpClient();
                String cookie = send(browser, app, "/set?name=a&value=1").headers().firstValue("Set-Cookie")
                        .orElseThrow();
                assertTrue(cookie.startsWith("__Host-SESSION=") && cookie.contains("; Path=/;")
                        && cookie.contains("; Secure") && !cookie.contains("Domain="), cookie);
            }
        }
    }

    @Test
    void aFilterThatFailsAfterStartingAMemberShutsItDown() {
        String cluster = "leak-" + System.nanoTime();
        Map<String, String> params = Map.of("grid.mode", "embedded", "cluster.name", cluster,
                "network.port", String.valueOf(FreePorts.take(1)[0]), "session-map.names", "sessions*",
                "session.map-name", "not-a-session-map");
        assertStartFails("not covered by the session map configuration", params);
        assertTrue(com.hazelcast.core.Hazelcast.getAllHazelcastInstances().stream()
                .noneMatch(m -> m.getConfig().getClusterName().equals(cluster)), "no member left running");
    }

    private static void assertStartFails(String expected, Map<String, String> params) {
        ServletException e = assertThrows(ServletException.class, () -> new SessionGridFilter().init(config(params)));
        assertTrue(e.getMessage().contains(expected), "expected \"" + expected + "\" in: " + e.getMessage());
    }

    /** The values a container hands to Filter.init; these cases fail before the ServletContext is used. */
    private static FilterConfig config(Map<String, String> params) {
        return new FilterConfig() {
            @Override
            public String getFilterName() {
                return "session-grid";
            }

            @Override
            public ServletContext getServletContext() {
                return null;
            }

            @Override
            public String getInitParameter(String name) {
                return params.get(name);
            }

            @Override
            public Enumeration<String> getInitParameterNames() {
                return Collections.enumeration(params.keySet());
            }
        };
    }

    private static HttpResponse<String> send(HttpClient browser, AppServer server, String path) throws Exception {
        return browser.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }
}
