package io.sessiongrid.servlet;

import io.sessiongrid.client.api.SessionId;
import io.sessiongrid.client.api.SessionStore;
import io.sessiongrid.client.api.StoreSettings;
import io.sessiongrid.servlet.testing.AppServer;
import io.sessiongrid.servlet.testing.RawHttp;
import io.sessiongrid.servlet.testing.RawHttp.Answer;
import io.sessiongrid.servlet.testing.SessionTestServlet;
import io.sessiongrid.servlet.testing.TestLogins;
import io.sessiongrid.servlet.testing.TwoInstances;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The filter's promises at their edges, over raw HTTP (nothing normalises what is sent): login and container
 * authentication rotate a planted id; locked paths cannot be reached unlocked by another spelling of the path, nor
 * lose their lock when the servlet goes async; an id is answered only on the channel it came in on; a failing
 * chain keeps its changes and its error page sees the grid session; async completion, a commit before
 * {@code getSession(true)}, and expiry of bound values behave as a container's own sessions do. Two instances and
 * an impatient third (500 ms lock wait) on one grid.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class HttpEdgesSuite {
    private static final String COOKIE = "GRIDSESSION";
    private static final String HEADER = "X-Session";
    private TwoInstances instances;
    private AppServer a;
    private AppServer b;
    private AppServer impatient;
    private final List<SessionTestServlet> servlets = new ArrayList<>();

    abstract AppServer.Container container();

    @BeforeAll
    void startInstances() {
        instances = new TwoInstances(container());
        a = instance(Duration.ofSeconds(30));
        b = instance(Duration.ofSeconds(30));
        impatient = instance(Duration.ofMillis(500));
    }

    private AppServer instance(Duration lockWait) {
        return instances.instance(StoreSettings.builder().allowClasses("io.sessiongrid.servlet.testing.*"),
                SessionFilterSettings.builder().lockedPath("/locked/*").header(HEADER).lockWait(lockWait).build(),
                store -> {
                    SessionTestServlet servlet = new SessionTestServlet(id -> readFromGrid(store, id));
                    servlets.add(servlet);
                    return servlet;
                });
    }

    private static String readFromGrid(SessionStore store, String id) {
        return store.find(SessionId.parse(id)).map(s -> String.valueOf(s.attribute("a"))).orElse("no-session");
    }

    @AfterAll
    void stopInstances() {
        instances.close();
    }

    @Test
    void loginRotatesAPlantedIdWithoutAPriorGetSession() throws Exception {
        String planted = newCookieSession(a, "mark", "attacker");
        String user = "ann-" + System.nanoTime();
        Answer login = raw(b, "POST", "/auth/login?user=" + user, cookie(planted));
        assertEquals(200, login.status(), login.body());
        String fresh = cookieValue(login);
        assertNotNull(fresh, login.head());
        assertNotEquals(planted, fresh);
        for (AppServer instance : List.of(a, b)) {
            assertEquals("no-session", raw(instance, "GET", "/get?name=mark", cookie(planted)).body());
        }
        assertEquals(user, raw(a, "GET", "/get?name=user", cookie(fresh)).body());
        assertEquals("attacker", raw(a, "GET", "/get?name=mark", cookie(fresh)).body(), "the session moved whole");
    }

    @Test
    void containerAuthenticationRotatesAPlantedIdOnce() throws Exception {
        String planted = newCookieSession(a, "mark", "attacker");
        String user = "bob-" + System.nanoTime();
        Answer first = raw(b, "POST", "/secure/set?name=seen&value=1", cookie(planted) + basic(user));
        assertEquals(200, first.status(), first.head());
        assertEquals(user, first.body());
        String fresh = cookieValue(first);
        assertNotNull(fresh, "a new id on the first authenticated request: " + first.head());
        assertNotEquals(planted, fresh);
        for (AppServer instance : List.of(a, b)) {
            assertEquals("no-session", raw(instance, "GET", "/get?name=mark", cookie(planted)).body());
        }
        Answer again = raw(a, "POST", "/secure/set?name=seen&value=2", cookie(fresh) + basic(user));
        assertEquals(200, again.status());
        assertNull(cookieValue(again), "the authenticated id is kept: " + again.head());
        assertEquals(user, raw(b, "GET", "/get?name=io.sessiongrid.principal", cookie(fresh)).body());
        assertEquals("2", raw(b, "GET", "/get?name=seen", cookie(fresh)).body());
    }

    @Test
    void lockedPathsCannotBeReachedUnlockedThroughAnotherSpellingOfThePath() throws Exception {
        String id = newCookieSession(a, "x", "1");
        CompletableFuture<Answer> holder = CompletableFuture.supplyAsync(() -> rawUnchecked(a, "POST",
                "/locked/hold?latch=spelling", cookie(id)));
        await("the holder has the lock").atMost(Duration.ofSeconds(10))
                .until(() -> raw(impatient, "POST", "/locked/incr", cookie(id)).status() == 503);
        for (String spelling : List.of("/locked;x/incr", "/lock%65d/incr", "/a/../locked/incr", "/locked/./incr",
                "/locked//incr", "/a/%2e%2e/locked/incr", "/locked/incr;jsessionid=1")) {
            Answer r = raw(impatient, "POST", spelling, cookie(id));
            assertTrue(r.status() == 503 || r.status() == 400, spelling + " answered " + r.status() + ": " + r.body());
        }
        raw(a, "POST", "/release?latch=spelling", "");
        assertEquals("released", holder.join().body());
        assertEquals(200, raw(impatient, "POST", "/locked/incr", cookie(id)).status());
    }

    @Test
    void lockedRequestsThroughEverySpellingNeverOverlap() throws Exception {
        String id = newCookieSession(a, "x", "1");
        List<String> spellings = List.of("/locked/incr", "/locked;p/incr", "/lock%65d/incr", "/x/../locked/incr");
        List<CompletableFuture<Answer>> calls = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            AppServer target = i % 2 == 0 ? a : b;
            String path = spellings.get(i % spellings.size());
            calls.add(CompletableFuture.supplyAsync(() -> rawUnchecked(target, "POST", path, cookie(id))));
        }
        int served = 0;
        for (CompletableFuture<Answer> call : calls) {
            Answer r = call.join();
            assertTrue(r.status() == 200 || r.status() == 400, r.status() + ": " + r.body());
            served += r.status() == 200 ? 1 : 0;
        }
        assertTrue(served >= 50, "served " + served);
        assertEquals(String.valueOf(served), raw(b, "GET", "/get?name=counter", cookie(id)).body(),
                "every locked increment kept");
    }

    @Test
    void anAsyncLockedRequestHoldsTheLockUntilItCompletes() throws Exception {
        String id = newCookieSession(a, "x", "1");
        CompletableFuture<Answer> holder = CompletableFuture.supplyAsync(() -> rawUnchecked(a, "POST",
                "/locked/hold-async?latch=async", cookie(id)));
        await("the async holder has the lock").atMost(Duration.ofSeconds(10))
                .until(() -> raw(impatient, "POST", "/locked/incr", cookie(id)).status() == 503);
        assertEquals(503, raw(impatient, "POST", "/locked/incr", cookie(id)).status(), "still held");
        raw(a, "POST", "/release?latch=async", "");
        assertEquals("released", holder.join().body());
        assertEquals(200, raw(impatient, "POST", "/locked/incr", cookie(id)).status());
    }

    @Test
    void aCookieSessionIsNeverAnsweredInTheHeader() throws Exception {
        Answer created = raw(a, "POST", "/set?name=x&value=1", "");
        String id = cookieValue(created);
        assertNotNull(id);
        assertNull(created.header(HEADER), created.head());
        Answer changed = raw(b, "POST", "/login", cookie(id));
        assertNotNull(cookieValue(changed));
        assertNull(changed.header(HEADER), changed.head());
        Answer ended = raw(a, "POST", "/invalidate", cookie(cookieValue(changed)));
        assertTrue(ended.head().contains("Set-Cookie: " + COOKIE + "=;") && ended.head().contains("Max-Age=0"),
                ended.head());
        assertNull(ended.header(HEADER), ended.head());
    }

    @Test
    void aHeaderSessionIsNeverAnsweredWithACookie() throws Exception {
        Answer created = raw(a, "POST", "/set?name=x&value=1", HEADER + ": \r\n");
        String id = created.header(HEADER);
        assertNotNull(id, created.head());
        assertNull(created.header("Set-Cookie"), created.head());
        Answer changed = raw(b, "POST", "/login", HEADER + ": " + id + "\r\n");
        String next = changed.header(HEADER);
        assertNotEquals(id, next);
        assertEquals(next, changed.body());
        assertNull(changed.header("Set-Cookie"), changed.head());
        assertEquals("1", raw(a, "GET", "/get?name=x", HEADER + ": " + next + "\r\n").body());
        Answer ended = raw(a, "POST", "/invalidate", HEADER + ": " + next + "\r\n");
        assertEquals("", ended.header(HEADER));
        assertNull(ended.header("Set-Cookie"), ended.head());
    }

    @Test
    void aChainThatThrowsKeepsItsChangesAndItsErrorPageSeesTheGridSession() throws Exception {
        String id = newCookieSession(a, "x", "1");
        Answer failed = raw(a, "POST", "/throw?value=kept", cookie(id));
        assertEquals(500, failed.status());
        assertTrue(failed.body().contains("error page sees thrown=kept in a GridHttpSession"), failed.body());
        assertEquals("kept", raw(b, "GET", "/get?name=thrown", cookie(id)).body());
    }

    @Test
    void anAsyncRequestCompletedWithoutABodyIsWrittenBeforeItCompletes() throws Exception {
        String id = newCookieSession(a, "a", "before");
        SessionTestServlet servletOfA = servlets.get(0);
        servletOfA.seenAfterComplete.clear();
        assertEquals(200, raw(a, "POST", "/async-no-body?value=after", cookie(id)).status());
        await().atMost(Duration.ofSeconds(10)).until(() -> !servletOfA.seenAfterComplete.isEmpty());
        assertEquals("after", servletOfA.seenAfterComplete.poll(), "in the grid when complete() returned");
        assertEquals("after", raw(b, "GET", "/get?name=a", cookie(id)).body());
    }

    @Test
    void getSessionAfterTheResponseIsCommittedFailsAndCreatesNothing() throws Exception {
        long before = instances.cluster().members().get(0).getMap("sessions-app").size();
        Answer r = raw(a, "GET", "/commit-then-create", "");
        assertEquals("committed;ISE", r.body());
        assertNull(cookieValue(r));
        assertEquals(before, instances.cluster().members().get(0).getMap("sessions-app").size());
    }

    @Test
    void boundValuesAreToldOnceWhenTheirSessionExpires() throws Exception {
        String id = newCookieSession(a, "x", "1");
        String probe = "probe-" + System.nanoTime();
        assertEquals(200, raw(a, "POST", "/bind?name=" + probe, cookie(id)).status());
        assertEquals(200, raw(b, "POST", "/short", cookie(id)).status());
        await("unbound on expiry").atMost(Duration.ofSeconds(30)).until(() -> unboundCount(probe) == 1);
        await("on one instance only").during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
                .until(() -> unboundCount(probe) == 1);
    }

    private long unboundCount(String probe) throws Exception {
        long n = 0;
        for (AppServer instance : List.of(a, b, impatient)) {
            String listed = raw(instance, "GET", "/unbound", "").body();
            n += List.of(listed.replaceAll("[\\[\\] ]", "").split(",")).stream().filter(probe::equals).count();
        }
        return n;
    }

    private String newCookieSession(AppServer server, String name, String value) throws Exception {
        Answer created = raw(server, "POST", "/set?name=" + name + "&value=" + value, "");
        assertEquals(200, created.status());
        return cookieValue(created);
    }

    private static String cookie(String id) {
        return "Cookie: " + COOKIE + "=" + id + "\r\n";
    }

    private static String basic(String user) {
        return "Authorization: " + TestLogins.basic(user) + "\r\n";
    }

    /** The session id a response sets in the cookie, or null if it sets none. */
    private static String cookieValue(Answer answer) {
        for (String line : answer.head().split("\r\n")) {
            if (line.regionMatches(true, 0, "Set-Cookie: " + COOKIE + "=", 0, 13 + COOKIE.length())) {
                String value = line.substring(line.indexOf('=') + 1, line.indexOf(';'));
                return value.isEmpty() ? null : value;
            }
        }
        return null;
    }

    private static Answer raw(AppServer server, String method, String path, String headers) throws Exception {
        return RawHttp.send(server.port(), method, path, headers);
    }

    private static Answer rawUnchecked(AppServer server, String method, String path, String headers) {
        try {
            return raw(server, method, path, headers);
        } catch (Exception e) {
            throw new CompletionException(e);
        }
    }
}
