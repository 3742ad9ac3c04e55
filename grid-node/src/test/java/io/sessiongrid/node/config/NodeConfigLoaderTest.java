package io.sessiongrid.node.config;

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
    void environmentAloneConfiguresKubernetesJoin() {
        MemberSettings m = NodeConfigLoader.load(null, Map.of("SESSIONGRID_JOIN_MODE", "kubernetes",
                "SESSIONGRID_JOIN_KUBERNETES_SERVICE_DNS", "grid.default.svc.cluster.local")).member();
        assertEquals(JoinMode.KUBERNETES, m.joinMode());
    }

    @Test
    void invalidValuesFailNamingTheKey() throws IOException {
        assertFails("unknown key \"netwrok.port\"", write("netwrok:\n  port: 1\n"), Map.of());
        assertFails("network.port must be a whole number", write("network:\n  port: abc\n"), Map.of());
        assertFails("network.port must be 1-65535", null, Map.of("SESSIONGRID_NETWORK_PORT", "70000"));
        assertFails("join.mode must be tcp-ip", null, Map.of("SESSIONGRID_JOIN_MODE", "gossip"));
        assertFails("join.members entries are host:port with one port", null,
                Map.of("SESSIONGRID_JOIN_MEMBERS", "127.0.0.1:5701-5703"));
        assertFails("join.kubernetes.service-dns", null, Map.of("SESSIONGRID_JOIN_MODE", "kubernetes"));
        assertFails("shutdown.max-wait must be a duration", null, Map.of("SESSIONGRID_SHUTDOWN_MAX_WAIT", "soon"));
        assertFails("unknown environment variable SESSIONGRID_PORT", null, Map.of("SESSIONGRID_PORT", "1"));
        assertFails("session-map.backup-count must be 0-6", null,
                Map.of("SESSIONGRID_SESSION_MAP_BACKUP_COUNT", "9"));
        assertFails("is not valid YAML", write("cluster: [unclosed\n"), Map.of());
        assertFails("http.port must be 1-65535, or 0", null, Map.of("SESSIONGRID_HTTP_PORT", "-1"));
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
