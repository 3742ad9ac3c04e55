package io.sessiongrid.node.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Every key a grid-node understands, as written in YAML (dotted path) and as an environment variable
 * ({@code SESSIONGRID_} plus the path in upper case with {@code _} for {@code .} and {@code -}). The one reference
 * table of the node's configuration is generated from these descriptions in the README.
 */
public enum ConfigKey {
    CLUSTER_NAME("cluster.name", "session-grid", "name shared by all members and clients of one grid"),
    NETWORK_HOST("network.host", "127.0.0.1", "interface the member binds and advertises"),
    NETWORK_PORT("network.port", "5701", "member port"),
    NETWORK_PORT_COUNT("network.port-count", "1", "ports tried upward from network.port"),
    JOIN_MODE("join.mode", "tcp-ip", "tcp-ip, multicast or kubernetes"),
    JOIN_MEMBERS("join.members", "(none)", "tcp-ip: host:port of members, a YAML list or comma-separated"),
    JOIN_KUBERNETES_SERVICE_DNS("join.kubernetes.service-dns", "(none)", "kubernetes: DNS name of the headless service"),
    SESSION_MAP_NAMES("session-map.names", "sessions*", "name or pattern of the session maps"),
    SESSION_MAP_BACKUP_COUNT("session-map.backup-count", "1", "synchronous backups per session (0-6)"),
    SESSION_MAP_ASYNC_BACKUP_COUNT("session-map.async-backup-count", "0", "asynchronous backups per session"),
    SESSION_MAP_NEAR_CACHE_MAX_ENTRIES("session-map.near-cache.max-entries", "10000",
            "member near cache size; 0 turns it off"),
    SHUTDOWN_MAX_WAIT("shutdown.max-wait", "120s", "how long SIGTERM waits for backups to be safe"),
    SHUTDOWN_DRAIN_DELAY("shutdown.drain-delay", "0s",
            "after SIGTERM, how long readiness answers 503 before partitions are handed over"),
    LOGGING_LEVEL("logging.level", "info", "error, warning, info or debug"),
    HTTP_PORT("http.port", "0", "port of the health endpoints on network.host; 0 turns them off");

    private static final String ENV_PREFIX = "SESSIONGRID_";

    private final String path;
    private final String defaultValue;
    private final String meaning;

    ConfigKey(String path, String defaultValue, String meaning) {
        this.path = path;
        this.defaultValue = defaultValue;
        this.meaning = meaning;
    }

    public String path() {
        return path;
    }

    public String defaultValue() {
        return defaultValue;
    }

    public String meaning() {
        return meaning;
    }

    public String environmentVariable() {
        return ENV_PREFIX + path.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    static boolean isOurs(String environmentVariable) {
        return environmentVariable.startsWith(ENV_PREFIX);
    }

    static Optional<ConfigKey> byPath(String path) {
        return Arrays.stream(values()).filter(k -> k.path.equals(path)).findFirst();
    }

    static Optional<ConfigKey> byEnvironmentVariable(String name) {
        return Arrays.stream(values()).filter(k -> k.environmentVariable().equals(name)).findFirst();
    }
}
