package io.sessiongrid.node.config;

import io.sessiongrid.client.config.Channel;
import io.sessiongrid.client.config.Component;
import io.sessiongrid.client.config.Setting;
import io.sessiongrid.client.config.SettingKind;
import io.sessiongrid.client.hazelcast.JoinMode;
import io.sessiongrid.client.hazelcast.MemberSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NodeConfigLoaderTest {
    @TempDir
    Path dir;

    @Test
    void defaultsNeedNoFile() {
        NodeConfig c = NodeConfigLoader.load(null, Map.of());
        assertEquals("session-grid", c.member().clusterName());
        assertEquals("127.0.0.1", c.member().host());
        assertEquals(1, c.member().backupCount());
        assertEquals(Level.INFO, c.loggingLevel());
        assertEquals(0, c.httpPort(), "health endpoints are off unless asked for");
        assertEquals(0, c.member().nearCacheMaxEntries(), "a grid-node serves no reads: no near cache to invalidate");
    }

    @Test
    void yamlSetsEveryKeyAndTheEnvironmentOverridesIt() throws IOException {
        Path file = write("""
                cluster:
                  name: shop
                network:
                  host: 127.0.0.1
                  port: 6701
                join:
                  mode: tcp-ip
                  members: [127.0.0.1:6701, 127.0.0.1:6702]
                session-map:
                  names: sessions-*
                  backup-count: 2
                  near-cache:
                    max-entries: 500
                shutdown:
                  max-wait: 2m
                logging:
                  level: warning
                hazelcast:
                  properties:
                    hazelcast.partition.count: 31
                """);
        MemberSettings m = NodeConfigLoader.load(file, Map.of("SESSIONGRID_NETWORK_PORT", "6702",
                "SESSIONGRID_SESSION_MAP_BACKUP_COUNT", "1", "PATH", "/usr/bin")).member();
        assertEquals("shop", m.clusterName());
        assertEquals(6702, m.port());
        assertEquals(List.of("127.0.0.1:6701", "127.0.0.1:6702"), m.members());
        assertEquals(1, m.backupCount());
        assertEquals(500, m.nearCacheMaxEntries());
        assertEquals("sessions-*", m.sessionMaps());
        assertEquals(Duration.ofMinutes(2), m.gracefulShutdownMaxWait());
        assertEquals("31", m.hazelcastProperties().get("hazelcast.partition.count"));
    }

    @Test
    void persistenceIsOffUnlessAModeIsGivenAndThenNeedsADatabase() throws IOException {
        assertTrue(NodeConfigLoader.load(null, Map.of()).persistence().isEmpty());
        PersistenceSettings p = NodeConfigLoader.load(write("""
                persistence:
                  mode: write-behind
                  jdbc-url: jdbc:postgresql://db:5432/sessions
                  username: grid
                  write-delay: 5s
                  initial-load: lazy
                """), Map.of("SESSIONGRID_PERSISTENCE_PASSWORD", "secret")).persistence().orElseThrow();
        assertEquals("write-behind", p.mode());
        assertEquals(Duration.ofSeconds(5), p.writeDelay());
        assertEquals("secret", p.password());
        assertEquals(false, p.eagerLoad());
        assertEquals(Duration.ofSeconds(5), p.timeout());
        assertTrue(NodeConfigLoader.load(null, Map.of("SESSIONGRID_PERSISTENCE_MODE", "write-through",
                "SESSIONGRID_PERSISTENCE_JDBC_URL", "jdbc:postgresql://db/s")).persistence().orElseThrow()
                .writeThrough());

        assertTrue(assertThrows(NodeConfigException.class, () -> NodeConfigLoader.load(null,
                Map.of("SESSIONGRID_PERSISTENCE_MODE", "write-through"))).getMessage()
                .contains("persistence.jdbc-url is required"));
        assertTrue(assertThrows(NodeConfigException.class, () -> NodeConfigLoader.load(null,
                Map.of("SESSIONGRID_PERSISTENCE_JDBC_URL", "jdbc:postgresql://db/s"))).getMessage()
                .contains("persistence.mode is off"));
        assertTrue(assertThrows(NodeConfigException.class, () -> NodeConfigLoader.load(null,
                Map.of("SESSIONGRID_PERSISTENCE_MODE", "write-through", "SESSIONGRID_PERSISTENCE_JDBC_URL",
                        "jdbc:mysql://db/s"))).getMessage().contains("must be a PostgreSQL URL"));
        assertTrue(assertThrows(NodeConfigException.class, () -> NodeConfigLoader.load(null,
                Map.of("SESSIONGRID_PERSISTENCE_MODE", "write-through", "SESSIONGRID_PERSISTENCE_JDBC_URL",
                        "jdbc:postgresql://db/s", "SESSIONGRID_PERSISTENCE_WRITE_DELAY", "2s"))).getMessage()
                .contains("write-behind only"));
        assertTrue(assertThrows(NodeConfigException.class, () -> NodeConfigLoader.load(null,
                Map.of("SESSIONGRID_PERSISTENCE_MODE", "write-behind", "SESSIONGRID_PERSISTENCE_JDBC_URL",
                        "jdbc:postgresql://db/s", "SESSIONGRID_PERSISTENCE_WRITE_DELAY", "1500ms"))).getMessage()
                .contains("whole seconds"));
    }

    @Test
    void environmentAloneConfiguresKubernetesJoin() {
        MemberSettings m = NodeConfigLoader.load(null, Map.of("SESSIONGRID_JOIN_MODE", "kubernetes",
                "SESSIONGRID_JOIN_KUBERNETES_SERVICE_DNS", "grid.default.svc.cluster.local")).member();
        assertEquals(JoinMode.KUBERNETES, m.joinMode());
    }

    @Test
    void invalidValuesFailNamingTheKey() throws IOException {
        assertFails(": netwrok.port; grid-node reads", write("netwrok:\n  port: 1\n"), Map.of());
        assertFails("network.port must be a whole number", write("network:\n  port: abc\n"), Map.of());
        assertFails("SESSIONGRID_NETWORK_PORT must be 1-65535", null, Map.of("SESSIONGRID_NETWORK_PORT", "70000"));
        assertFails("SESSIONGRID_JOIN_MODE must be one of tcp-ip", null, Map.of("SESSIONGRID_JOIN_MODE", "gossip"));
        assertFails("SESSIONGRID_JOIN_MEMBERS entries are host:port with one port", null,
                Map.of("SESSIONGRID_JOIN_MEMBERS", "127.0.0.1:5701-5703"));
        assertFails("join.kubernetes.service-dns", null, Map.of("SESSIONGRID_JOIN_MODE", "kubernetes"));
        assertFails("SESSIONGRID_SHUTDOWN_MAX_WAIT must be a duration", null, Map.of("SESSIONGRID_SHUTDOWN_MAX_WAIT", "soon"));
        assertFails("unknown environment variable SESSIONGRID_PORT", null, Map.of("SESSIONGRID_PORT", "1"));
        assertFails("SESSIONGRID_SESSION_MAP_BACKUP_COUNT must be 0-6", null,
                Map.of("SESSIONGRID_SESSION_MAP_BACKUP_COUNT", "9"));
        assertFails("is not valid YAML", write("cluster: [unclosed\n"), Map.of());
        assertFails("SESSIONGRID_HTTP_PORT must be 1-65535, or 0", null, Map.of("SESSIONGRID_HTTP_PORT", "-1"));
    }

    @Test
    void everyNodeSettingIsReadFromYamlAndFromTheEnvironmentAndBadValuesNameItAsWritten() throws IOException {
        Map<Setting, String> samples = Map.of(Setting.JOIN_MEMBERS, "127.0.0.1:5702",
                Setting.JOIN_KUBERNETES_SERVICE_DNS, "grid.default.svc.cluster.local",
                Setting.PERSISTENCE_JDBC_URL, "jdbc:postgresql://db:5432/sessions",
                Setting.PERSISTENCE_USERNAME, "grid", Setting.PERSISTENCE_PASSWORD, "secret");
        // A persistence setting is read only with persistence on (alone, it is refused as set for nothing).
        Map<String, String> persistenceOn = Map.of("SESSIONGRID_PERSISTENCE_MODE", "write-behind",
                "SESSIONGRID_PERSISTENCE_JDBC_URL", "jdbc:postgresql://db:5432/sessions");
        Map<SettingKind, String> bad = Map.of(SettingKind.INTEGER, "5x", SettingKind.DURATION, "soon",
                SettingKind.CHOICE, "nonsense");
        for (Setting s : Setting.values()) {
            if (!s.isReadBy(Component.GRID_NODE)) {
                continue;
            }
            String value = s.defaultValue().orElseGet(() -> samples.get(s));
            String variable = Channel.ENVIRONMENT.spell(s.key());
            Map<String, String> context = s == Setting.PERSISTENCE_JDBC_URL
                    ? Map.of("SESSIONGRID_PERSISTENCE_MODE", "write-through")
                    : s.key().startsWith("persistence.") && s != Setting.PERSISTENCE_MODE ? persistenceOn : Map.of();
            NodeConfigLoader.load(yaml(s, value), context);
            Map<String, String> env = new java.util.HashMap<>(context);
            env.put(variable, value);
            NodeConfigLoader.load(null, env);
            String wrong = bad.get(s.kind());
            if (wrong != null) {
                assertFails(s.key() + " must be", yaml(s, wrong), context);
                env.put(variable, wrong);
                assertFails(variable + " must be", null, env);
            }
        }
        assertFails("YAML key cookie.name is not read by grid-node", write("cookie:\n  name: S\n"), Map.of());
        NodeConfigLoader.load(null, Map.of("SESSIONGRID_CLIENT_ADDRESSES", "127.0.0.1:5701",
                "SESSIONGRID_COOKIE_NAME", "S"));
    }

    /** A file that sets one key, written as nested YAML mappings. */
    private Path yaml(Setting setting, String value) throws IOException {
        String[] path = setting.key().split("\\.");
        StringBuilder y = new StringBuilder();
        for (int i = 0; i < path.length; i++) {
            y.append("  ".repeat(i)).append(path[i]).append(':');
            y.append(i == path.length - 1 ? " \"" + value + "\"\n" : "\n");
        }
        return write(y.toString());
    }

    private Path write(String yaml) throws IOException {
        Path f = Files.createTempFile(dir, "grid", ".yaml");
        return Files.writeString(f, yaml);
    }

    private static void assertFails(String expected, Path file, Map<String, String> env) {
        NodeConfigException e = assertThrows(NodeConfigException.class, () -> NodeConfigLoader.load(file, env));
        assertTrue(e.getMessage().contains(expected), "expected \"" + expected + "\" in: " + e.getMessage());
    }
}
