package io.sessiongrid.spring.boot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.sessiongrid.client.api.SessionStore;
import io.sessiongrid.client.api.StoreSettings;
import io.sessiongrid.client.config.SettingException;
import io.sessiongrid.client.local.InProcessSessionStore;
import io.sessiongrid.client.testing.FreePorts;
import io.sessiongrid.client.testing.LocalCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import java.net.CookieManager;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Real Spring Boot applications over the starter, in each mode, on a real two-member grid where one is needed. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SessionGridAutoConfigurationTest {
    private LocalCluster cluster;

    @BeforeAll
    void startGrid() {
        cluster = new LocalCluster(2);
    }

    @AfterAll
    void stopGrid() {
        cluster.close();
    }

    private static HttpClient browser() {
        return HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    }

    private String[] clientOf(String... more) {
        String[] base = {"--sessiongrid.cluster.name=" + cluster.clusterName(),
                "--sessiongrid.client.addresses=127.0.0.1:" + cluster.port(0) + ",127.0.0.1:" + cluster.port(1),
                "--sessiongrid.session.map-name=sessions-boot"};
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    @Test
    void twoThinClientInstancesShareTheSessionAndTheFilterRunsAheadOfEverything() throws Exception {
        try (BootApp.Instance a = BootApp.start(clientOf());
             BootApp.Instance b = BootApp.start(clientOf())) {
            HttpClient browser = browser();
            HttpResponse<String> set = a.send(browser, "POST", "/set?name=user&value=ann");
            assertEquals(200, set.statusCode(), set.body());
            assertTrue(set.headers().firstValue("Set-Cookie").orElseThrow().startsWith("GRIDSESSION="),
                    "the grid's cookie, not the container's JSESSIONID: " + set.headers());
            assertEquals("ann", b.send(browser, "GET", "/get?name=user").body());
            assertEquals(SessionGridProperties.Mode.CLIENT, a.context().getBean(SessionGridConnection.class).mode());
            assertTrue(((WebServerApplicationContext) a.context()).getWebServer().getClass().getSimpleName()
                    .startsWith("Jetty"), "these tests run on Jetty; the sample's on Tomcat");
        }
    }

    @Test
    void theFiltersMetersGoToTheApplicationsRegistryAndTheHealthShowsTheGrid() throws Exception {
        try (BootApp.Instance a = BootApp.start(clientOf())) {
            HttpClient browser = browser();
            a.send(browser, "POST", "/set?name=n&value=1");
            a.send(browser, "GET", "/get?name=n");
            MeterRegistry registry = a.context().getBean(MeterRegistry.class);
            assertTrue(registry.get("sessiongrid.http.session.load").timer().count() >= 1);
            assertTrue(registry.get("sessiongrid.http.session.flush").timer().count() >= 1);
            JsonNode grid = health(a).path("components").path("sessionGrid");
            assertEquals("UP", grid.path("status").asText(), grid.toString());
            assertEquals(2, grid.path("details").path("members").asInt(), grid.toString());
            assertEquals("client", grid.path("details").path("mode").asText(), grid.toString());
        }
    }

    @Test
    void embeddedAndInstanceModesJoinTheGrid() throws Exception {
        int port = FreePorts.take(1)[0];
        try (BootApp.Instance embedded = BootApp.start(clientOf("--sessiongrid.grid.mode=embedded",
                "--sessiongrid.network.port=" + port, "--sessiongrid.join.members=127.0.0.1:" + cluster.port(0)
                        + ",127.0.0.1:" + cluster.port(1) + ",127.0.0.1:" + port));
             BootApp.Instance wrapped = BootApp.start(BootApp.class,
                     Map.of("hazelcastInstance", cluster.members().get(1)),
                     clientOf("--sessiongrid.grid.mode=instance"))) {
            HttpClient browser = browser();
            embedded.send(browser, "POST", "/set?name=where&value=embedded");
            assertEquals("embedded", wrapped.send(browser, "GET", "/get?name=where").body());
            assertEquals(3, cluster.members().get(0).getCluster().getMembers().size(), "the embedded app joined");
        }
        cluster.awaitSize(2);
    }

    @Test
    void localModeNeedsNoGrid() throws Exception {
        try (BootApp.Instance local = BootApp.start("--sessiongrid.grid.mode=local")) {
            HttpClient browser = browser();
            local.send(browser, "POST", "/set?name=x&value=1");
            assertEquals("1", local.send(browser, "GET", "/get?name=x").body());
            assertEquals("local", health(local).path("components").path("sessionGrid").path("details")
                    .path("mode").asText());
        }
    }

    @Test
    void anApplicationsOwnStoreIsUsedAndNothingConnects() throws Exception {
        try (BootApp.Instance own = BootApp.start(WithOwnStore.class)) {
            HttpClient browser = browser();
            own.send(browser, "POST", "/set?name=x&value=1");
            SessionStore store = own.context().getBean(SessionStore.class);
            assertTrue(store instanceof InProcessSessionStore);
            assertEquals(1, store.count());
            assertTrue(own.context().getBeansOfType(SessionGridConnection.class).isEmpty());
        }
    }

    @Test
    void aWrongValueOrAnUnknownPropertyStopsTheStartNamingIt() {
        SettingException wrong = cause(assertThrows(Exception.class,
                () -> BootApp.start("--sessiongrid.grid.mode=local", "--sessiongrid.session.lock-wait=soon")));
        assertTrue(wrong.getMessage().contains("sessiongrid.session.lock-wait"), wrong.getMessage());
        SettingException unknown = cause(assertThrows(Exception.class,
                () -> BootApp.start("--sessiongrid.grid.mode=local", "--sessiongrid.clustr.name=x")));
        assertTrue(unknown.getMessage().contains("sessiongrid.clustr.name"), unknown.getMessage());
        SettingException renamed = cause(assertThrows(Exception.class,
                () -> BootApp.start("--sessiongrid.grid.mode=local", "--sessiongrid.grid.cluster-name=x")));
        assertTrue(renamed.getMessage().contains("sessiongrid.cluster.name"), renamed.getMessage());
        FailureAnalysis analysis = new SettingFailureAnalyzer().analyze(wrong);
        assertNotNull(analysis);
        assertTrue(analysis.getDescription().contains("sessiongrid.session.lock-wait"), analysis.getDescription());
    }

    @Test
    void instanceModeWithoutAnInstanceSaysWhatIsMissing() {
        Exception e = assertThrows(Exception.class, () -> BootApp.start("--sessiongrid.grid.mode=instance"));
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        assertTrue(root.getMessage().contains("needs a HazelcastInstance bean"), root.getMessage());
        assertFalse(root instanceof NullPointerException);
    }

    private static JsonNode health(BootApp.Instance instance) throws Exception {
        return new ObjectMapper().readTree(instance.send(HttpClient.newHttpClient(), "GET", "/actuator/health").body());
    }

    private static SettingException cause(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SettingException s) {
                return s;
            }
        }
        throw new AssertionError("no SettingException in " + t, t);
    }

    /** An application that makes its own store. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(BootApp.Sessions.class)
    static class WithOwnStore {
        @Bean(destroyMethod = "close")
        SessionStore store() {
            return new InProcessSessionStore(StoreSettings.defaults());
        }
    }
}
