package io.sessiongrid.samples.shop;

import io.sessiongrid.client.testing.LocalCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two instances of the sample shop, each a thin client of a real two-member grid, and a browser that goes to
 * either: Spring Security's login, fixation protection, logout and concurrent-session control hold across them
 * as they do in one JVM.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ShopAcrossInstancesTest {
    private static final String EXPIRED = "This session has been expired";

    private LocalCluster grid;
    private Shop a;
    private Shop b;
    private Shop refusing;

    @BeforeAll
    void start() {
        grid = new LocalCluster(2);
        a = Shop.start("A", gridProperties());
        b = Shop.start("B", gridProperties());
        refusing = Shop.start("C", withMore(gridProperties(), "--shop.max-sessions-prevents-login=true"));
    }

    @AfterAll
    void stop() {
        for (AutoCloseable c : new AutoCloseable[]{a, b, refusing, grid}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception ignored) {
                // Stop the rest.
            }
        }
    }

    private String[] gridProperties() {
        return new String[]{"--sessiongrid.cluster.name=" + grid.clusterName(),
                "--sessiongrid.client.addresses=127.0.0.1:" + grid.port(0) + ",127.0.0.1:" + grid.port(1)};
    }

    private static String[] withMore(String[] base, String more) {
        String[] all = Arrays.copyOf(base, base.length + 1);
        all[base.length] = more;
        return all;
    }

    @Test
    void aLoginOnOneInstanceHoldsOnTheOtherWithANewIdAndLogoutEndsItOnBoth() throws Exception {
        Browser browser = new Browser();
        assertEquals(302, browser.get(a, "/").statusCode(), "anonymous: to the login page");
        browser.get(a, "/login");
        String beforeLogin = browser.sessionId();
        assertNotNull(beforeLogin, "the login page's CSRF token lives in a grid session");
        assertTrue(browser.login(a, "ann").endsWith("/"), "logged in");
        String afterLogin = browser.sessionId();
        assertNotEquals(beforeLogin, afterLogin, "fixation protection changed the id at login");

        HttpResponse<String> home = browser.get(b, "/");
        assertEquals(200, home.statusCode());
        assertTrue(((WebServerApplicationContext) b.context()).getWebServer().getClass().getSimpleName()
                .startsWith("Tomcat"), "the sample runs on Tomcat; the starter's own tests on Jetty");
        assertTrue(home.body().contains("instance B; user ann"), home.body());
        assertEquals(302, Browser.getWith(a, "/", beforeLogin).statusCode(), "the pre-login id finds nothing");

        assertEquals("cart [book]", browser.post(b, "/cart", Map.of("item", "book")).body());
        assertTrue(browser.get(a, "/").body().contains("cart [book]"), "the cart is the same on A");

        assertEquals(302, browser.post(b, "/logout", Map.of()).statusCode());
        assertEquals(302, browser.get(a, "/").statusCode(), "logged out on B is logged out on A");
        assertEquals(302, Browser.getWith(a, "/", afterLogin).statusCode(), "the session ended everywhere");
    }

    @Test
    void aSecondLoginOnTheOtherInstanceExpiresTheFirstAsSpringSecurityDoesInOneJvm() throws Exception {
        Browser first = new Browser();
        Browser second = new Browser();
        first.login(a, "bob");
        assertEquals(200, first.get(a, "/").statusCode());
        second.login(b, "bob");
        assertEquals(200, second.get(b, "/").statusCode());
        // The mark reaches A's near cache within the read mode's bound (STICKY: about a second).
        await("the first session is told it expired").atMost(Duration.ofSeconds(10))
                .until(() -> first.get(a, "/").body().contains(EXPIRED));
        assertEquals(302, first.get(a, "/").statusCode(), "then it is logged out");
        assertEquals(200, second.get(a, "/").statusCode(), "the second login holds on either instance");
    }

    @Test
    void withMaxSessionsPreventsLoginTheSecondLoginIsRefused() throws Exception {
        Browser first = new Browser();
        assertTrue(first.login(a, "admin").endsWith("/"), "first login");
        Browser second = new Browser();
        assertTrue(second.login(refusing, "admin").endsWith("/login?error"), "refused on the refusing instance");
        assertEquals(200, first.get(b, "/").statusCode(), "the first session is untouched");
    }

    @Test
    void anAdministratorEndsEverySessionOfAUserOnEveryInstance() throws Exception {
        Browser user = new Browser();
        user.login(b, "ann");
        assertEquals(200, user.get(a, "/").statusCode());
        Browser admin = new Browser();
        admin.login(b, "admin");
        admin.get(b, "/");
        HttpResponse<String> ended = admin.post(b, "/admin/end-sessions", Map.of("user", "ann"));
        assertEquals("ended 1", ended.body());
        await().atMost(Duration.ofSeconds(10)).until(() -> user.get(a, "/").statusCode() == 302);
    }
}
