package io.sessiongrid.servlet;

import io.sessiongrid.client.api.StoreSettings;
import io.sessiongrid.client.testing.LocalCluster;
import io.sessiongrid.client.api.SessionId;
import io.sessiongrid.client.core.SecureRandomIdGenerator;
import io.sessiongrid.servlet.testing.AppServer;
import io.sessiongrid.servlet.testing.CountingListener;
import io.sessiongrid.servlet.testing.TwoInstances;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Black-box HTTP checks of the filter: two application instances in a real container, each a thin client of one
 * real grid, and a client that alternates between them with no stickiness (its cookies are shared by both, as a
 * browser behind a round-robin balancer would send them).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class HttpSessionSuite {
    private TwoInstances instances;
    private LocalCluster cluster;
    private AppServer a;
    private AppServer b;
    private AppServer impatient;
    private final List<CountingListener> listeners = new ArrayList<>();
    private HttpClient browser;

    abstract AppServer.Container container();

    @BeforeAll
    void startInstances() {
        instances = new TwoInstances(container());
        cluster = instances.cluster();
        a = instance(Duration.ofSeconds(30));
        b = instance(Duration.ofSeconds(30));
        impatient = instance(Duration.ofMillis(500));
    }

    private AppServer instance(Duration lockWait) {
        CountingListener listener = new CountingListener();
        listeners.add(listener);
        return instances.instance(StoreSettings.builder().maxAttributeBytes(64 * 1024), SessionFilterSettings.builder()
                .lockedPath("/locked/*").header("X-Session").listener(listener)
                .fingerprint(ClientFingerprint.defaults()).maxSessionsPerPrincipal(2).lockWait(lockWait).build());
    }

    @AfterAll
    void stopInstances() {
        instances.close();
    }

    @BeforeEach
    void newBrowser() {
        instances.newBrowser();
        browser = instances.browser();
    }

    @Test
    void sessionCreatedOnOneInstanceIsReadChangedAndInvalidatedOnTheOther() throws Exception {
        post(a, "/set?name=user&value=ann");
        assertEquals("ann", get(b, "/get?name=user"));
        post(b, "/set?name=user&value=bob");
        assertEquals("bob", get(a, "/get?name=user"));
        post(b, "/invalidate");
        assertEquals("no-session", get(a, "/get?name=user"));
    }

    @Test
    void cookieIsHttpOnlyLaxAndScopedToTheContext() throws Exception {
        HttpResponse<String> r = send(a, "/set?name=x&value=1", "POST");
        String cookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(cookie.startsWith("GRIDSESSION=") && cookie.contains("; Path=/") && cookie.contains("HttpOnly")
                && cookie.contains("SameSite=Lax") && !cookie.contains("Secure"), cookie);
    }

    @Test
    void changeIsVisibleOnTheOtherInstanceRightAfterARedirect() throws Exception {
        HttpResponse<String> r = send(a, "/redirect?name=step&value=2", "POST");
        assertEquals(302, r.statusCode());
        assertEquals("2", get(b, r.headers().firstValue("Location").orElseThrow()));
    }

    @Test
    void changeIsVisibleOnTheOtherInstanceAfterAStreamedResponse() throws Exception {
        HttpResponse<String> r = send(a, "/stream?name=streamed&value=yes", "POST");
        assertTrue(r.body().length() > 100_000);
        assertEquals("yes", get(b, "/get?name=streamed"));
    }

    @Test
    void theSessionContractHoldsAcrossInstances() throws Exception {
        String first = post(a, "/describe?create");
        assertEquals("no-session", first, "describe never creates");
        post(a, "/set?name=x&value=1");
        String onB = get(b, "/describe");
        assertTrue(onB.startsWith("new=false") && onB.contains(" max=1800 ") && onB.endsWith("accessed<=now=true"),
                onB);
        String created = onB.substring(onB.indexOf("created="), onB.indexOf(" max="));
        assertTrue(get(a, "/describe").contains(created), "one creation time on every instance");
        post(b, "/max?value=0");
        assertTrue(get(a, "/describe").contains(" max=-1 "), "zero means never, reported as -1");
        post(a, "/max?value=90");
        assertTrue(get(b, "/describe").contains(" max=90 "));
        assertEquals("ISE, then session=null", post(b, "/use-after-invalidate"));
        assertEquals("no-session", get(a, "/describe"));
    }

    @Test
    void readingWithoutChangingWritesNothing() throws Exception {
        post(a, "/set?name=user&value=ann");
        String key = SessionId.parse(sessionCookie()).key().value();
        long version = cluster.members().get(0).getMap("sessions-app").getEntryView(key).getVersion();
        for (int i = 0; i < 5; i++) {
            assertEquals("ann", get(i % 2 == 0 ? a : b, "/get?name=user"));
        }
        assertEquals(version, cluster.members().get(0).getMap("sessions-app").getEntryView(key).getVersion());
    }

    @Test
    void sessionIsWrittenBeforeSendErrorAndFlushBufferCommit() throws Exception {
        assertEquals(409, send(a, "/send-error?name=err&value=e1", "POST").statusCode());
        assertEquals("e1", get(b, "/get?name=err"));
        post(b, "/flush?name=fl&value=f1");
        assertEquals("f1", get(a, "/get?name=fl"));
        assertEquals("f1", get(a, "/get?name=fl-after"), "changes after the commit are written at the end");
    }

    @Test
    void lockedRequestThatWaitsTooLongGets503AndTheHolderFinishes() throws Exception {
        post(a, "/set?name=x&value=1");
        CompletableFuture<HttpResponse<String>> holder = browser.sendAsync(request(a, "/locked/hold", "POST"),
                HttpResponse.BodyHandlers.ofString());
        await("the holder has the lock").atMost(Duration.ofSeconds(10)).until(() ->
                send(impatient, "/locked/incr", "POST").statusCode() == 503);
        HttpResponse<String> busy = send(impatient, "/locked/incr", "POST");
        assertEquals(503, busy.statusCode());
        Instant start = Instant.now();
        assertEquals(200, send(impatient, "/incr", "POST").statusCode());
        assertTrue(Duration.between(start, Instant.now()).toSeconds() < 5, "unlocked requests are not held up");
        post(a, "/release");
        assertEquals("released", holder.get().body());
        assertEquals(200, send(impatient, "/locked/incr", "POST").statusCode());
    }

    @Test
    void asyncRequestWritesTheSessionWhenItCompletes() throws Exception {
        assertEquals("async ok", post(a, "/async?name=mode&value=async"));
        assertEquals("async", get(b, "/get?name=mode"));
    }

    @Test
    void forwardAndIncludeShareTheRequestsSession() throws Exception {
        assertEquals("forwarded", post(a, "/forward?name=f&value=forwarded"));
        assertEquals("included:inc", post(b, "/include?name=i&value=inc"));
        assertEquals("forwarded", get(b, "/get?name=f"));
        assertEquals("inc", get(a, "/get?name=i"));
    }

    @Test
    void valueChangedInPlaceWithoutSetAttributeIsWritten() throws Exception {
        post(a, "/mutate?value=book");
        post(b, "/mutate?value=pen");
        post(a, "/mutate?value=cup");
        assertEquals("[book, pen, cup]", get(b, "/get?name=cart"));
    }

    @Test
    void parallelRequestsSettingTheirOwnAttributesAllSurvive() throws Exception {
        post(a, "/set?name=start&value=0");
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            AppServer target = i % 2 == 0 ? a : b;
            calls.add(browser.sendAsync(request(target, "/set?name=p" + i + "&value=" + i, "POST"),
                    HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> c : calls) {
            assertEquals(200, c.get().statusCode());
        }
        assertEquals("33", get(a, "/names"));
        for (int i = 0; i < 32; i++) {
            assertEquals(String.valueOf(i), get(i % 2 == 0 ? b : a, "/get?name=p" + i));
        }
    }

    @Test
    void parallelIncrementsOnALockedPathAreExact() throws Exception {
        post(a, "/locked/incr");
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 199; i++) {
            calls.add(browser.sendAsync(request(i % 2 == 0 ? a : b, "/locked/incr", "POST"),
                    HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> c : calls) {
            assertEquals(200, c.get().statusCode());
        }
        assertEquals("200", get(b, "/get?name=counter"));
    }

    @Test
    void changeSessionIdKeepsAttributesAndKillsTheOldIdEverywhere() throws Exception {
        post(a, "/set?name=cart&value=3-books");
        String old = sessionCookie();
        String fresh = post(a, "/login");
        assertNotEquals(old, fresh);
        assertEquals(fresh, sessionCookie());
        assertEquals("3-books", get(b, "/get?name=cart"));
        HttpClient replay = HttpClient.newHttpClient();
        HttpResponse<String> stolen = replay.send(HttpRequest.newBuilder(uri(b, "/get?name=cart"))
                .header("Cookie", "GRIDSESSION=" + old).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals("no-session", stolen.body());
    }

    @Test
    void theSessionCookieIsFoundAmongOthersSpacedOrQuoted() throws Exception {
        post(a, "/set?name=cart&value=2-pens");
        String id = sessionCookie();
        for (String header : List.of("theme=dark; GRIDSESSION=" + id + "; lang=en",
                "theme=dark;GRIDSESSION=" + id, " GRIDSESSION = " + id + " ;x=1", "GRIDSESSION=\"" + id + "\"",
                "GRIDSESSION=; GRIDSESSION=" + id, "XGRIDSESSION=nope; GRIDSESSION=" + id)) {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri(b, "/get?name=cart"))
                    .header("Cookie", header).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals("2-pens", r.body(), header);
        }
        for (String header : List.of("XGRIDSESSION=" + id, "GRIDSESSIONX=" + id, "theme=GRIDSESSION=" + id,
                "GRIDSESSION", "=" + id)) {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri(b, "/get?name=cart"))
                    .header("Cookie", header).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals("no-session", r.body(), header);
        }
    }

    @Test
    void requestedIdIsReportedAsTheSpecSays() throws Exception {
        assertEquals("requested=null valid=false cookie=false new=none", get(a, "/info"));
        post(a, "/set?name=x&value=1");
        String info = get(b, "/info");
        assertTrue(info.endsWith("valid=true cookie=true new=false"), info);
    }

    @Test
    void headerCarriesTheIdForApiClients() throws Exception {
        HttpResponse<String> created = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri(a,
                "/set?name=token&value=t1")).header("X-Session", "").POST(HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString());
        String id = created.headers().firstValue("X-Session").orElseThrow();
        HttpResponse<String> read = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri(b,
                "/get?name=token")).header("X-Session", id).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals("t1", read.body());
    }

    @Test
    void anIdChannelOfTheApplicationsOwnReplacesTheCookie() throws Exception {
        AppServer own = instances.instance(StoreSettings.builder(), SessionFilterSettings.builder()
                .idResolver(new AuthorizationIdResolver()).fingerprint(ClientFingerprint.defaults()).build());
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> created = client.send(HttpRequest.newBuilder(uri(own, "/set?name=token&value=t2"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        String id = created.headers().firstValue("Session-Token").orElseThrow();
        assertTrue(created.headers().firstValue("Set-Cookie").isEmpty(), created.headers().toString());
        assertEquals("t2", client.send(HttpRequest.newBuilder(uri(own, "/get?name=token"))
                .header("Authorization", "Session " + id).build(), HttpResponse.BodyHandlers.ofString()).body());
        assertEquals("t2", client.send(HttpRequest.newBuilder(uri(a, "/get?name=token"))
                .header("X-Session", id).build(), HttpResponse.BodyHandlers.ofString()).body(),
                "the same session on an instance with the default channels");
        assertEquals("no-session", client.send(HttpRequest.newBuilder(uri(own, "/get?name=token"))
                .header("Cookie", "GRIDSESSION=" + id).build(), HttpResponse.BodyHandlers.ofString()).body(),
                "the cookie is not a channel where the application replaced it");
        HttpResponse<String> ended = client.send(HttpRequest.newBuilder(uri(own, "/invalidate"))
                .header("Authorization", "Session " + id).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals("", ended.headers().firstValue("Session-Token").orElseThrow(), "told to forget the id");
    }

    /** Ids in {@code Authorization: Session <id>}, answered in {@code Session-Token}. */
    private static final class AuthorizationIdResolver implements SessionIdResolver {
        @Override
        public List<String> presented(HttpServletRequest request) {
            String value = request.getHeader("Authorization");
            return value != null && value.startsWith("Session ") ? List.of(value.substring(8)) : List.of();
        }

        @Override
        public void write(HttpServletRequest request, HttpServletResponse response, SessionId id) {
            response.setHeader("Session-Token", id.value());
        }

        @Override
        public void expire(HttpServletRequest request, HttpServletResponse response) {
            response.setHeader("Session-Token", "");
        }

        @Override
        public boolean usesCookies() {
            return false;
        }
    }

    @Test
    void malformedForgedOrOverLongIdsAreNoSession() throws Exception {
        for (String bad : List.of("x", "../../etc", "A".repeat(43), "A".repeat(2000), "AAAA%00",
                "A".repeat(41) + "+/", "A".repeat(42) + "B")) {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri(a, "/get?name=x"))
                    .header("X-Session", bad).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals("no-session", r.body(), bad);
        }
    }

    @Test
    void aRequestStuffedWithIdsCostsAtMostFourGridReads() throws Exception {
        StringBuilder cookies = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            cookies.append(i == 0 ? "" : "; ").append("GRIDSESSION=").append(new SecureRandomIdGenerator().next()
                    .value());
        }
        long before = gridReads();
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri(a, "/get?name=x"))
                .header("Cookie", cookies.toString()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals("no-session", r.body());
        long reads = gridReads() - before;
        assertTrue(reads <= 4, "grid reads: " + reads);
    }

    private long gridReads() {
        return cluster.members().stream().mapToLong(m -> m.getMap("sessions-app").getLocalMapStats()
                .getGetOperationCount()).sum();
    }

    @Test
    void nonSerializableValueIsRefusedAtSetAttributeNamingIt() throws Exception {
        post(a, "/set?name=kept&value=yes");
        HttpResponse<String> r = send(b, "/not-serializable?name=socket", "POST");
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("\"socket\""), r.body());
        assertEquals("yes", get(a, "/get?name=kept"));
    }

    @Test
    void oversizedValueFailsTheRequestAndTheRestIsKept() throws Exception {
        post(a, "/set?name=kept&value=yes");
        HttpResponse<String> r = send(b, "/big?name=blob&value=100000", "POST");
        assertEquals(500, r.statusCode());
        assertEquals("yes", get(a, "/get?name=kept"));
        assertEquals("null", get(a, "/get?name=blob"));
        assertEquals(200, send(a, "/big?name=blob&value=1000", "POST").statusCode());
    }

    @Test
    void listenerEventsFireOnceAcrossTheInstancesForCreationInvalidationAndExpiry() throws Exception {
        List<String> invalidated = new ArrayList<>();
        List<String> expiring = new ArrayList<>();
        List<String> all = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            newBrowser();
            AppServer home = i % 2 == 0 ? a : b;
            AppServer other = i % 2 == 0 ? b : a;
            post(home, "/set?name=n&value=" + i);
            String id = sessionCookie();
            all.add(id);
            if (i < 2) {
                post(other, "/invalidate");
                invalidated.add(id);
            } else if (i < 4) {
                post(other, "/short");
                expiring.add(SessionId.parse(id).key().value());
            }
        }
        for (String id : all) {
            assertEquals(1, count(events(l -> l.created), id), "created once: " + id);
            assertEquals(1, count(events(l -> l.attributesAdded), id + "/n"), "attribute added once");
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> expiring.stream()
                .allMatch(key -> events(l -> l.destroyed).contains(key)));
        await("no second delivery").during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
                .until(() -> expiring.stream().allMatch(key -> count(events(l -> l.destroyed), key) == 1));
        List<String> destroyed = events(l -> l.destroyed);
        for (String id : invalidated) {
            assertEquals(1, count(destroyed, id), "destroyed once on invalidate: " + id);
        }
        for (String key : expiring) {
            assertEquals(1, count(destroyed, key), "destroyed once on expiry: " + key);
        }
        for (String id : all.subList(4, 6)) {
            assertEquals(0, count(destroyed, id), "still live: " + id);
        }
    }

    @Test
    void cookieReplayedFromAnotherBrowserIsNoSession() throws Exception {
        post(a, "/set?name=secret&value=42");
        HttpResponse<String> replay = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri(b, "/get?name=secret"))
                .header("Cookie", "GRIDSESSION=" + sessionCookie()).header("User-Agent", "curl/8.0").build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals("no-session", replay.body());
        assertEquals("42", get(b, "/get?name=secret"), "the owner's browser keeps its session");
        assertEquals("1", get(a, "/names"), "the fingerprint is not an attribute the application sees");
    }

    @Test
    void principalOverItsLimitLosesItsOldestSession() throws Exception {
        String user = "carol-" + System.nanoTime();
        List<HttpClient> browsers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            newBrowser();
            browsers.add(browser);
            post(i % 2 == 0 ? a : b, "/set?name=n&value=" + i);
            post(i % 2 == 0 ? b : a, "/principal?user=" + user);
        }
        browser = browsers.get(0);
        assertEquals("no-session", get(a, "/get?name=n"), "the oldest ended");
        browser = browsers.get(1);
        assertEquals("1", get(a, "/get?name=n"));
        browser = browsers.get(2);
        assertEquals("2", get(b, "/get?name=n"));
    }

    @Test
    void idListenerHearsOfTheChange() throws Exception {
        post(a, "/set?name=x&value=1");
        String old = sessionCookie();
        String fresh = post(b, "/login");
        assertEquals(1, count(events(l -> l.idsChanged), old + ">" + fresh));
    }

    private List<String> events(java.util.function.Function<CountingListener, List<String>> kind) {
        List<String> all = new ArrayList<>();
        listeners.forEach(l -> all.addAll(kind.apply(l)));
        return all;
    }

    private static long count(List<String> events, String value) {
        return events.stream().filter(value::equals).count();
    }

    private String sessionCookie() {
        instances.useBrowser(browser);
        return instances.sessionCookie();
    }

    private String get(AppServer server, String path) throws Exception {
        HttpResponse<String> r = send(server, path, "GET");
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }

    private String post(AppServer server, String path) throws Exception {
        HttpResponse<String> r = send(server, path, "POST");
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }

    private HttpResponse<String> send(AppServer server, String path, String method) throws Exception {
        instances.useBrowser(browser);
        return instances.send(server, path, method);
    }

    private static HttpRequest request(AppServer server, String path, String method) {
        return TwoInstances.request(server, path, method);
    }

    private static URI uri(AppServer server, String path) {
        return TwoInstances.uri(server, path);
    }
}
