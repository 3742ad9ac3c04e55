package io.sessiongrid.gridctl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sessiongrid.client.api.Session;
import io.sessiongrid.client.api.SessionChanges;
import io.sessiongrid.client.api.SessionId;
import io.sessiongrid.client.api.SessionStore;
import io.sessiongrid.client.api.StoreSettings;
import io.sessiongrid.client.config.Channel;
import io.sessiongrid.client.config.Component;
import io.sessiongrid.client.config.Setting;
import io.sessiongrid.client.hazelcast.SessionGrid;
import io.sessiongrid.client.testing.FreePorts;
import io.sessiongrid.client.testing.LocalCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every gridctl command against a real three-member grid on 127.0.0.1, with the exit code and the output a user
 * would see, as text and as JSON. Drain runs last: it takes a member away.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GridCtlTest {
    private static final int SESSIONS = 30;
    private final ObjectMapper json = new ObjectMapper();
    private LocalCluster cluster;
    private SessionGrid app;
    private SessionStore store;
    private final List<Session> sessions = new ArrayList<>();

    @BeforeAll
    void startGrid() {
        cluster = new LocalCluster(3);
        app = SessionGrid.client(cluster.clientSettings().build());
        store = app.openStore(StoreSettings.defaults());
        for (int i = 0; i < SESSIONS; i++) {
            sessions.add(store.create(SessionChanges.builder().principal(i < 2 ? "ann" : "user" + i)
                    .set("cart", "secret-cart-" + i).build()));
        }
    }

    @AfterAll
    void stopGrid() {
        if (app != null) {
            app.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void helpListsTheCommandsAndTheExitCodes() {
        Run run = gridctl("--help");
        assertEquals(GridCtl.OK, run.code);
        for (String command : List.of("members", "sessions", "find", "invalidate", "drain", "metrics")) {
            assertTrue(run.out.contains(command), run.out);
        }
        assertTrue(run.out.contains("Exit codes"), run.out);
        assertEquals(GridCtl.OK, gridctl("drain", "--help").code);
    }

    @Test
    @Order(2)
    void badArgumentsGetAClearMessageAndExitCodeTwo() {
        assertUsage(gridctl(), "name a command");
        assertUsage(gridctl("frobnicate"), "frobnicate");
        assertUsage(gridctl("find"), "--id");
        assertUsage(gridctl("find", "--id", "x", "--principal", "ann"), "mutually exclusive");
        assertUsage(connected("find", "--id", "not-a-session-id"), "--id is not a session id");
        assertUsage(connected("invalidate", "--key", "short"), "--key is not a session key");
        assertUsage(gridctl("drain"), "MEMBER");
        assertUsage(connected("drain", "--wait", "0", "127.0.0.1:1"), "--wait must be at least 1 second");
        assertUsage(gridctl("--timeout", "0", "members"), "--timeout must be at least 1 second");
        assertUsage(gridctl("members", "--timeout", "soon"), "soon");
    }

    @Test
    @Order(2)
    void theGridOptionsAreTheRegistrysSettingsWithItsDefaultsOrTheEnvironments() {
        List<Setting> read = Arrays.stream(Setting.values()).filter(s -> s.isReadBy(Component.GRIDCTL)).toList();
        assertEquals(3, read.size(), read.toString());
        for (Setting s : read) {
            String option = Channel.COMMAND_LINE.spell(s.key());
            String variable = Channel.ENVIRONMENT.spell(s.key());
            assertEquals(s.defaultValue().orElseThrow(), parsedDefault(s, Map.of()), option);
            assertEquals("from-env", parsedDefault(s, Map.of(variable, "from-env")), variable);
            assertEquals("given", parsedDefault(s, Map.of(variable, "from-env"), option, "given"), option);
        }
    }

    private static String parsedDefault(Setting setting, Map<String, String> environment, String... args) {
        GridCtl root = new GridCtl();
        CommandLine line = new CommandLine(root);
        line.setDefaultValueProvider(new SettingDefaults(environment));
        line.setAllowSubcommandsAsOptionParameters(true);
        line.parseArgs(Stream.concat(Stream.of(args), Stream.of("members")).toArray(String[]::new));
        return switch (setting) {
            case CLUSTER_NAME -> root.cluster;
            case CLIENT_ADDRESSES -> String.join(",", root.addresses);
            case SESSION_MAP_NAME -> root.map;
            default -> throw new AssertionError("gridctl reads " + setting + ": add it here");
        };
    }

    @Test
    @Order(3)
    void anUnreachableGridFailsWithinTheTimeoutWithExitCodeOne() {
        Run run = gridctl("--cluster-name", cluster.clusterName(), "--client-addresses", "127.0.0.1:" + FreePorts.take(1)[0],
                "--timeout", "2", "members");
        assertEquals(GridCtl.FAILED, run.code, run.err);
        assertTrue(run.err.contains("no member of cluster"), run.err);
    }

    @Test
    @Order(4)
    void membersListsEachMemberWithItsSessions() throws Exception {
        Run text = connected("members");
        assertEquals(GridCtl.OK, text.code, text.err);
        for (int i = 0; i < 3; i++) {
            assertTrue(text.out.contains("127.0.0.1:" + cluster.port(i)), text.out);
        }
        assertTrue(text.out.contains("safe"), text.out);

        JsonNode members = json(connected("--json", "members")).get("members");
        assertEquals(3, members.size());
        long owned = 0;
        long backups = 0;
        for (JsonNode m : members) {
            assertEquals("safe", m.get("state").asText());
            assertTrue(m.get("heapMaxBytes").asLong() > 0);
            owned += m.get("sessions").asLong();
            backups += m.get("backups").asLong();
        }
        assertEquals(SESSIONS, owned);
        assertEquals(SESSIONS, backups, "one backup each");
    }

    @Test
    @Order(5)
    void sessionsCountsTheMapAndItsMemory() throws Exception {
        JsonNode doc = json(connected("--json", "sessions"));
        assertEquals(SESSIONS, doc.get("sessions").asLong());
        assertEquals(SESSIONS, doc.get("backups").asLong());
        assertTrue(doc.get("sessionBytes").asLong() > SESSIONS * 100L, doc.toString());
        assertEquals(3, doc.get("members").size());
        Run text = connected("sessions");
        assertTrue(text.out.contains(SESSIONS + " sessions"), text.out);

        JsonNode other = json(connected("--json", "--session-map-name", "sessions-empty", "sessions"));
        assertEquals(0, other.get("sessions").asLong());
        Run wrongName = connected("--session-map-name", "sesions", "sessions");
        assertTrue(wrongName.out.contains("no map named sesions exists on this grid; its maps: ")
                && wrongName.out.contains("sessions"), wrongName.out);
    }

    @Test
    @Order(6)
    void findShowsASessionByIdKeyOrPrincipalWithoutValuesAndWithoutTouchingIt() throws Exception {
        Session s = sessions.get(5);
        Run byId = connected("find", "--id", s.id().value());
        assertEquals(GridCtl.OK, byId.code, byId.err);
        assertTrue(byId.out.contains(s.key().value()), byId.out);
        assertTrue(byId.out.contains("user5") && byId.out.contains("cart"), byId.out);
        assertFalse(byId.out.contains("secret-cart"), "values are never shown");
        assertFalse(byId.out.contains(s.id().value()), "the id is never shown");

        JsonNode byKey = json(connected("--json", "find", "--key", s.key().value())).get("sessions").get(0);
        assertEquals(s.key().value(), byKey.get("key").asText());
        assertEquals(s.lastAccessedAt().toString(), byKey.get("lastAccessedAt").asText(),
                "looking is not an access");

        JsonNode ann = json(connected("--json", "find", "--principal", "ann")).get("sessions");
        assertEquals(2, ann.size());

        Run none = connected("find", "--id", SessionId.fromRandomBytes(new byte[SessionId.RANDOM_BYTES]).value());
        assertEquals(GridCtl.NOT_FOUND, none.code);
        assertTrue(none.err.contains("no live session"), none.err);
        assertEquals(GridCtl.NOT_FOUND, connected("find", "--principal", "nobody").code);
    }

    @Test
    @Order(7)
    void invalidateEndsSessionsByIdOrPrincipal() throws Exception {
        Session s = sessions.get(10);
        Run run = connected("invalidate", "--id", s.id().value());
        assertEquals(GridCtl.OK, run.code, run.err);
        assertTrue(run.out.contains("invalidated 1 session"), run.out);
        assertTrue(store.find(s.id()).isEmpty());
        assertEquals(GridCtl.NOT_FOUND, connected("invalidate", "--id", s.id().value()).code);

        assertEquals(2, json(connected("--json", "invalidate", "--principal", "ann")).get("invalidated").asInt());
        assertTrue(store.find(sessions.get(0).id()).isEmpty());
        assertTrue(store.find(sessions.get(1).id()).isEmpty());
        assertEquals(GridCtl.NOT_FOUND, connected("invalidate", "--principal", "ann").code);
        assertTrue(store.find(sessions.get(2).id()).isPresent(), "other sessions are untouched");
    }

    @Test
    @Order(8)
    void metricsSummarisesTheGrid() throws Exception {
        store.find(sessions.get(3).id());
        JsonNode doc = json(connected("--json", "metrics"));
        assertEquals(3, doc.get("members").asInt());
        assertTrue(doc.get("allPartitionsSafe").asBoolean());
        assertEquals(SESSIONS - 3, doc.get("sessions").asLong());
        assertTrue(doc.get("reads").asLong() >= 1);
        assertTrue(doc.get("writes").asLong() >= SESSIONS);
        Run text = connected("metrics");
        assertTrue(text.out.contains("every partition backed up") && text.out.matches("(?s).*sessions +"
                + (SESSIONS - 3) + " \\([0-9]+ (B|KiB|MiB)\\).*")
                && text.out.matches("(?s).*near cache +([0-9.]+ % hits|no reads yet).*"), text.out);
        assertFalse(text.out.contains("Bytes"), "units for people in text: " + text.out);
    }

    @Test
    @Order(9)
    void drainMovesAMembersSessionsAwayAndStopsIt() throws Exception {
        assertEquals(GridCtl.NOT_FOUND, connected("drain", "127.0.0.1:1").code);

        String target = "127.0.0.1:" + cluster.port(2);
        Run run = connected("drain", target);
        assertEquals(GridCtl.OK, run.code, run.err);
        assertTrue(run.out.contains("drained " + target) && run.out.contains("2 member(s) remain"), run.out);
        assertFalse(cluster.members().get(2).getLifecycleService().isRunning());
        await().atMost(Duration.ofSeconds(30)).until(() -> app.hazelcast().getCluster().getMembers().size() == 2);
        int lost = 0;
        for (int i = 3; i < SESSIONS; i++) {
            if (i != 10 && store.find(sessions.get(i).id()).isEmpty()) {
                lost++;
            }
        }
        assertEquals(0, lost, "sessions lost by the drain");
        assertEquals(SESSIONS - 3, json(connected("--json", "sessions")).get("sessions").asLong());
    }

    @Test
    @Order(10)
    void theJarsMainExitsWithTheCommandsCode() throws Exception {
        assertEquals(GridCtl.USAGE, process(Map.of(), "frobnicate").code);
        // The grid's settings from the environment a grid-node reads too, spelt by the registry.
        Run members = process(Map.of("SESSIONGRID_CLUSTER_NAME", cluster.clusterName(),
                "SESSIONGRID_CLIENT_ADDRESSES", "127.0.0.1:" + cluster.port(0)), "--json", "members");
        assertEquals(GridCtl.OK, members.code, members.out);
        assertEquals(2, json.readTree(members.out).get("members").size());
    }

    private Run process(Map<String, String> environment, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), GridCtl.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().keySet().removeIf(name -> name.startsWith("SESSIONGRID_"));
        builder.environment().putAll(environment);
        Process p = builder.start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                throw new AssertionError("gridctl did not finish: " + command);
            }
            return new Run(p.exitValue(), out, "");
        } finally {
            p.destroyForcibly();
        }
    }

    private Run connected(String... args) {
        return gridctl(Stream.concat(Stream.of("--cluster-name", cluster.clusterName(), "--client-addresses",
                "127.0.0.1:" + cluster.port(0) + ",127.0.0.1:" + cluster.port(1)), Stream.of(args))
                .toArray(String[]::new));
    }

    private static Run gridctl(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = GridCtl.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    private JsonNode json(Run run) throws Exception {
        assertEquals(GridCtl.OK, run.code, run.err);
        return json.readTree(run.out);
    }

    private static void assertUsage(Run run, String message) {
        assertEquals(GridCtl.USAGE, run.code, run.out + run.err);
        assertTrue(run.err.contains(message), run.err);
    }

    private record Run(int code, String out, String err) {
    }
}
