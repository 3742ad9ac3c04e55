package io.sessiongrid.client.config;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.sessiongrid.client.config.Component.FILTER;
import static io.sessiongrid.client.config.Component.GRIDCTL;
import static io.sessiongrid.client.config.Component.GRID_NODE;

/**
 * The one registry of settings: each has one name, spelt in every channel by {@link Channel}'s rule, one kind,
 * one default (the value a component uses when the key is absent; {@code null} where absence means "off" or
 * "derived", as the description says) and the components that read it. Every parser reads through
 * {@link SettingValues}, and {@code docs/configuration.md} is generated from here ({@link ConfigurationDoc}).
 */
public enum Setting {
    CLUSTER_NAME("cluster.name", SettingKind.TEXT, "session-grid",
            "name shared by every member and client of one grid", GRID_NODE, FILTER, GRIDCTL),

    GRID_MODE("grid.mode", List.of("client", "embedded", "instance", "local"), "client",
            "client: a thin client of grid-node processes; embedded: this JVM is a member; instance: a"
                    + " HazelcastInstance the application made (a ServletContext attribute for the filter, a bean"
                    + " for the Spring Boot starter); local: the in-process store, for development and tests"
                    + " (nothing shared)", FILTER),
    GRID_INSTANCE_ATTRIBUTE("grid.instance-attribute", SettingKind.TEXT, "io.sessiongrid.hazelcast",
            "instance: the ServletContext attribute that holds the HazelcastInstance", FILTER),

    CLIENT_ADDRESSES("client.addresses", SettingKind.LIST, "127.0.0.1:5701",
            "client: host:port of members to connect to (one is enough; the client learns the rest)", FILTER,
            GRIDCTL),
    CLIENT_CONNECT_TIMEOUT("client.connect-timeout", SettingKind.DURATION, "15s",
            "client: how long start-up waits for a member to answer", FILTER),
    CLIENT_OPERATION_TIMEOUT("client.operation-timeout", SettingKind.DURATION, "10s",
            "client: how long one grid call may take before the request fails with 503", FILTER),

    NETWORK_HOST("network.host", SettingKind.TEXT, "127.0.0.1", "member: interface it binds and advertises",
            GRID_NODE, FILTER),
    NETWORK_PORT("network.port", SettingKind.INTEGER, "5701", "member: port", GRID_NODE, FILTER),
    NETWORK_PORT_COUNT("network.port-count", SettingKind.INTEGER, "1",
            "member: ports tried upward from network.port", GRID_NODE, FILTER),
    JOIN_MODE("join.mode", List.of("tcp-ip", "multicast", "kubernetes"), "tcp-ip", "member: how it finds the others",
            GRID_NODE, FILTER),
    JOIN_MEMBERS("join.members", SettingKind.LIST, null, "member, tcp-ip: host:port of the other members",
            GRID_NODE, FILTER),
    JOIN_KUBERNETES_SERVICE_DNS("join.kubernetes.service-dns", SettingKind.TEXT, null,
            "member, kubernetes: DNS name of the headless service", GRID_NODE, FILTER),
    SESSION_MAP_NAMES("session-map.names", SettingKind.TEXT, "sessions*",
            "name or pattern of the maps configured as session maps (backups, near cache); the filter uses"
                    + " session.map-name when only that is set", GRID_NODE, FILTER),
    SESSION_MAP_BACKUP_COUNT("session-map.backup-count", SettingKind.INTEGER, "1",
            "member: synchronous backups of each session (0-6)", GRID_NODE, FILTER),
    SESSION_MAP_ASYNC_BACKUP_COUNT("session-map.async-backup-count", SettingKind.INTEGER, "0",
            "member: asynchronous backups of each session", GRID_NODE, FILTER),
    SESSION_MAP_NEAR_CACHE_MAX_ENTRIES("session-map.near-cache.max-entries", SettingKind.INTEGER, "10000",
            "how many sessions a member or client keeps a copy of (Hazelcast's near cache for sticky reads, its own"
                    + " confirmed copies for validated ones); 0 turns it off; a grid-node, which serves no reads, keeps"
                    + " none unless this is set", GRID_NODE, FILTER),
    SHUTDOWN_MAX_WAIT("shutdown.max-wait", SettingKind.DURATION, "120s",
            "member: how long a graceful stop waits for every backup to be safe", GRID_NODE, FILTER),
    SHUTDOWN_DRAIN_DELAY("shutdown.drain-delay", SettingKind.DURATION, "0s",
            "after SIGTERM, how long readiness answers 503 before partitions are handed over", GRID_NODE),
    LOGGING_LEVEL("logging.level", List.of("error", "warning", "info", "debug"), "info", "log level", GRID_NODE),
    HTTP_PORT("http.port", SettingKind.INTEGER, "0",
            "port of the health and metrics endpoints on network.host; 0 turns them off", GRID_NODE),
    PERSISTENCE_MODE("persistence.mode", List.of("off", "write-through", "write-behind"), "off",
            "off: sessions live in memory only; write-through: a write is answered once its row is in PostgreSQL;"
                    + " write-behind: rows are written in batches within persistence.write-delay", GRID_NODE),
    PERSISTENCE_JDBC_URL("persistence.jdbc-url", SettingKind.TEXT, null,
            "persistence: the PostgreSQL database, jdbc:postgresql://host:port/database", GRID_NODE),
    PERSISTENCE_USERNAME("persistence.username", SettingKind.TEXT, null, "persistence: database user", GRID_NODE),
    PERSISTENCE_PASSWORD("persistence.password", SettingKind.TEXT, null,
            "persistence: database password (give it as SESSIONGRID_PERSISTENCE_PASSWORD, not in the file)",
            GRID_NODE),
    PERSISTENCE_POOL_SIZE("persistence.pool-size", SettingKind.INTEGER, "8",
            "persistence: database connections this node keeps", GRID_NODE),
    PERSISTENCE_TIMEOUT("persistence.timeout", SettingKind.DURATION, "5s",
            "persistence: longest a database call may take (connecting included) before its write fails",
            GRID_NODE),
    PERSISTENCE_WRITE_DELAY("persistence.write-delay", SettingKind.DURATION, "1s",
            "write-behind: longest a write waits for its row, whole seconds; what a crash of every node may lose",
            GRID_NODE),
    PERSISTENCE_WRITE_BATCH_SIZE("persistence.write-batch-size", SettingKind.INTEGER, "500",
            "write-behind: rows written in one batch", GRID_NODE),
    PERSISTENCE_INITIAL_LOAD("persistence.initial-load", List.of("eager", "lazy"), "eager",
            "eager: a starting cluster loads every live session; lazy: each session is loaded when first asked for",
            GRID_NODE),
    PERSISTENCE_SWEEP_INTERVAL("persistence.sweep-interval", SettingKind.DURATION, "60s",
            "persistence: how often rows of expired sessions are deleted", GRID_NODE),
    PERSISTENCE_REQUIRED_FOR_READINESS("persistence.required-for-readiness", SettingKind.BOOLEAN, "true",
            "persistence: readiness answers 503 while the database does not answer", GRID_NODE),

    SESSION_MAP_NAME("session.map-name", SettingKind.TEXT, "sessions",
            "the map this application's sessions live in; applications sharing a grid each use their own", FILTER,
            GRIDCTL),
    SESSION_READ_MODE("session.read-mode", List.of("validated", "sticky"), "validated",
            "validated: every read asks the owner whether the near-cached copy is current (no sticky balancer"
                    + " needed); sticky: near-cache hits are trusted", FILTER),
    SESSION_MAX_INACTIVE_INTERVAL("session.max-inactive-interval", SettingKind.DURATION, "30m",
            "idle time after which a session expires, unless the application sets its own", FILTER),
    SESSION_MAX_LIFETIME("session.max-lifetime", SettingKind.DURATION, "0s",
            "absolute lifetime of a session however active; 0s: none", FILTER),
    SESSION_TOUCH_INTERVAL("session.touch-interval", SettingKind.DURATION, "60s",
            "a read-only request refreshes the idle clock on the owner at most this often", FILTER),
    SESSION_MAX_ATTRIBUTE_BYTES("session.max-attribute-bytes", SettingKind.BYTES, "1048576",
            "largest encoded attribute; a larger one is refused at setAttribute", FILTER),
    SESSION_MAX_SESSION_BYTES("session.max-session-bytes", SettingKind.BYTES, "8388608",
            "largest encoded session", FILTER),
    SESSION_COMPRESSION_THRESHOLD_BYTES("session.compression-threshold-bytes", SettingKind.BYTES, "8192",
            "attributes larger than this are deflated", FILTER),
    SESSION_ALLOWED_CLASSES("session.allowed-classes", SettingKind.LIST, null,
            "application classes a value may contain, beside the JDK's value types: com.app.Cart, com.app.*,"
                    + " com.app.**", FILTER),
    SESSION_MAX_VALUE_DEPTH("session.max-value-depth", SettingKind.INTEGER, "16",
            "deepest object nesting a value may have", FILTER),
    SESSION_ENCRYPTION_KEYS("session.encryption.keys", SettingKind.TEXT, null,
            "AES-GCM keys as id:base64 pairs, current first; absent: values are stored in clear", FILTER),
    SESSION_LOCK_LEASE("session.lock-lease", SettingKind.DURATION, "60s",
            "how long a session lock lasts if its holder never releases it", FILTER),
    SESSION_LOCK_WAIT("session.lock-wait", SettingKind.DURATION, "10s",
            "how long a request on a locked path waits for the lock before 503", FILTER),
    SESSION_LOCKED_PATHS("session.locked-paths", SettingKind.LIST, null,
            "paths whose requests on one session run one at a time: /exact, /prefix/*, *.ext", FILTER),
    SESSION_HEADER("session.header", SettingKind.TEXT, null,
            "a request header that carries the id for API clients; absent: cookies only", FILTER),
    SESSION_SAVE_MODE("session.save-mode", List.of("on-change", "on-set-attribute"), "on-change",
            "on-change also writes values changed in place; on-set-attribute writes only what was set", FILTER),
    SESSION_FINGERPRINT("session.fingerprint", SettingKind.BOOLEAN, "false",
            "bind a session to the client's User-Agent and network; a mismatch ends it", FILTER),
    SESSION_FINGERPRINT_IPV4_PREFIX_BITS("session.fingerprint.ipv4-prefix-bits", SettingKind.INTEGER, "24",
            "fingerprint: leading bits of an IPv4 address that must match", FILTER),
    SESSION_FINGERPRINT_IPV6_PREFIX_BITS("session.fingerprint.ipv6-prefix-bits", SettingKind.INTEGER, "64",
            "fingerprint: leading bits of an IPv6 address that must match", FILTER),
    SESSION_MAX_PER_PRINCIPAL("session.max-per-principal", SettingKind.INTEGER, "0",
            "sessions one user may hold across the cluster, the oldest ended first; 0: no limit", FILTER),
    SESSION_LISTENERS("session.listeners", SettingKind.LIST, null,
            "class names of HttpSessionListener, HttpSessionAttributeListener or HttpSessionIdListener", FILTER),

    COOKIE_NAME("cookie.name", SettingKind.TEXT, "GRIDSESSION", "session cookie name", FILTER),
    COOKIE_PATH("cookie.path", SettingKind.TEXT, null, "cookie Path; absent: the context path", FILTER),
    COOKIE_DOMAIN("cookie.domain", SettingKind.TEXT, null, "cookie Domain; absent: the host only", FILTER),
    COOKIE_HTTP_ONLY("cookie.http-only", SettingKind.BOOLEAN, "true", "cookie HttpOnly", FILTER),
    COOKIE_SECURE("cookie.secure", SettingKind.BOOLEAN, null,
            "cookie Secure; absent: when request.isSecure() (configure the container behind a TLS proxy)", FILTER),
    COOKIE_SAME_SITE("cookie.same-site", List.of("Strict", "Lax", "None"), "Lax", "cookie SameSite", FILTER),
    COOKIE_MAX_AGE("cookie.max-age", SettingKind.DURATION, null, "cookie Max-Age; absent: until the browser closes",
            FILTER),
    COOKIE_PARTITIONED("cookie.partitioned", SettingKind.BOOLEAN, "false", "cookie Partitioned (CHIPS)", FILTER);

    /** Names used before the registry, so that a configuration written for them fails with the new name. */
    private static final Map<String, Setting> FORMER_NAMES = Map.of(
            "grid.cluster-name", CLUSTER_NAME, "grid.addresses", CLIENT_ADDRESSES,
            "grid.connect-timeout", CLIENT_CONNECT_TIMEOUT, "grid.operation-timeout", CLIENT_OPERATION_TIMEOUT,
            "grid.host", NETWORK_HOST, "grid.port", NETWORK_PORT, "grid.members", JOIN_MEMBERS);

    private final String key;
    private final SettingKind kind;
    private final List<String> choices;
    private final String defaultValue;
    private final String description;
    private final Set<Component> readers;

    Setting(String key, SettingKind kind, String defaultValue, String description, Component... readers) {
        this(key, kind, List.of(), defaultValue, description, readers);
    }

    Setting(String key, List<String> choices, String defaultValue, String description, Component... readers) {
        this(key, SettingKind.CHOICE, choices, defaultValue, description, readers);
    }

    Setting(String key, SettingKind kind, List<String> choices, String defaultValue, String description,
            Component... readers) {
        this.key = key;
        this.kind = kind;
        this.choices = List.copyOf(choices);
        this.defaultValue = defaultValue;
        this.description = description;
        EnumSet<Component> read = EnumSet.copyOf(Arrays.asList(readers));
        // The starter configures the filter, so it reads the filter's settings; it finds an application's
        // HazelcastInstance as a bean, not in a ServletContext attribute.
        if (read.contains(FILTER) && !key.equals("grid.instance-attribute")) {
            read.add(Component.SPRING_BOOT);
        }
        this.readers = read;
    }

    /** The name, in the form YAML paths and init-params use: dotted, lower case, words joined by "-". */
    public String key() {
        return key;
    }

    public SettingKind kind() {
        return kind;
    }

    /** For {@link SettingKind#CHOICE}: the accepted values, compared ignoring case. */
    public List<String> choices() {
        return choices;
    }

    /** The value used when the key is absent, as text; empty where absence has its own meaning. */
    public Optional<String> defaultValue() {
        return Optional.ofNullable(defaultValue);
    }

    public String description() {
        return description;
    }

    public Set<Component> readers() {
        return readers;
    }

    public boolean isReadBy(Component component) {
        return readers.contains(component);
    }

    /** The setting a key names in a channel, if any. */
    public static Optional<Setting> named(Channel channel, String spelled) {
        return Arrays.stream(values()).filter(s -> channel.spell(s.key).equals(spelled)).findFirst();
    }

    /** The setting that a name used before the registry became, spelt in a channel. */
    static Optional<Setting> formerlyNamed(Channel channel, String spelled) {
        return FORMER_NAMES.entrySet().stream().filter(e -> channel.spell(e.getKey()).equals(spelled))
                .map(Map.Entry::getValue).findFirst();
    }
}
