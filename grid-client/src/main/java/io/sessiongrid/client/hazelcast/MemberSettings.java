package io.sessiongrid.client.hazelcast;

import io.sessiongrid.client.api.ReadMode;
import io.sessiongrid.client.config.Setting;
import io.sessiongrid.client.config.SettingValues;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How a grid member (a grid-node, or an application JVM in embedded mode) joins and what it keeps. Immutable;
 * the builder validates each value as it is set and names the configuration key in its message. Defaults are
 * safe: bound to 127.0.0.1, one synchronous backup, a bounded near cache.
 */
public final class MemberSettings {
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,100}");
    static final Pattern MAP_PATTERN = Pattern.compile("[A-Za-z0-9._*-]{1,100}");

    private final String clusterName;
    private final String host;
    private final int port;
    private final int portCount;
    private final JoinMode joinMode;
    private final List<String> members;
    private final String kubernetesServiceDns;
    private final String sessionMaps;
    private final int backupCount;
    private final int asyncBackupCount;
    private final int nearCacheMaxEntries;
    private final ReadMode readMode;
    private final Duration gracefulShutdownMaxWait;
    private final Map<String, String> hazelcastProperties;

    private MemberSettings(Builder b) {
        this.clusterName = b.clusterName;
        this.host = b.host;
        this.port = b.port;
        this.portCount = b.portCount;
        this.joinMode = b.joinMode;
        this.members = List.copyOf(b.members);
        this.kubernetesServiceDns = b.kubernetesServiceDns;
        this.sessionMaps = b.sessionMaps;
        this.backupCount = b.backupCount;
        this.asyncBackupCount = b.asyncBackupCount;
        this.nearCacheMaxEntries = b.nearCacheMaxEntries;
        this.readMode = b.readMode;
        this.gracefulShutdownMaxWait = b.gracefulShutdownMaxWait;
        this.hazelcastProperties = Map.copyOf(b.hazelcastProperties);
    }

    /**
     * A builder holding the member settings a component was given ({@code cluster.name}, {@code network.*},
     * {@code join.*}, {@code session-map.*}, {@code shutdown.max-wait}), the registry's defaults for the rest;
     * errors name the key as the user spelt it.
     */
    public static Builder configured(SettingValues v) {
        Builder b = builder();
        v.apply(Setting.CLUSTER_NAME, v.text(Setting.CLUSTER_NAME), b::clusterName);
        v.apply(Setting.NETWORK_HOST, v.text(Setting.NETWORK_HOST), b::host);
        v.apply(Setting.NETWORK_PORT, v.integer(Setting.NETWORK_PORT), b::port);
        v.apply(Setting.NETWORK_PORT_COUNT, v.integer(Setting.NETWORK_PORT_COUNT), b::portCount);
        v.apply(Setting.JOIN_MODE, v.choice(Setting.JOIN_MODE)
                .map(c -> JoinMode.valueOf(c.toUpperCase(Locale.ROOT).replace('-', '_'))), b::joinMode);
        for (String member : v.list(Setting.JOIN_MEMBERS)) {
            v.apply(Setting.JOIN_MEMBERS, Optional.of(member), b::member);
        }
        v.apply(Setting.JOIN_KUBERNETES_SERVICE_DNS, v.text(Setting.JOIN_KUBERNETES_SERVICE_DNS),
                b::kubernetesServiceDns);
        v.apply(Setting.SESSION_MAP_NAMES, ClientSettings.sessionMapPattern(v), b::sessionMaps);
        v.apply(Setting.SESSION_MAP_BACKUP_COUNT, v.integer(Setting.SESSION_MAP_BACKUP_COUNT), b::backupCount);
        v.apply(Setting.SESSION_MAP_ASYNC_BACKUP_COUNT, v.integer(Setting.SESSION_MAP_ASYNC_BACKUP_COUNT),
                b::asyncBackupCount);
        v.apply(Setting.SESSION_MAP_NEAR_CACHE_MAX_ENTRIES, v.integer(Setting.SESSION_MAP_NEAR_CACHE_MAX_ENTRIES),
                b::nearCacheMaxEntries);
        v.apply(Setting.SESSION_READ_MODE, ClientSettings.storesReadMode(v), b::readMode);
        v.apply(Setting.SHUTDOWN_MAX_WAIT, v.duration(Setting.SHUTDOWN_MAX_WAIT), b::gracefulShutdownMaxWait);
        return b;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code cluster.name}; default {@code session-grid}. Members and clients must agree on it. */
    public String clusterName() {
        return clusterName;
    }

    /** {@code network.host}: the one interface the member binds and advertises; default 127.0.0.1. */
    public String host() {
        return host;
    }

    /** {@code network.port}; default 5701. */
    public int port() {
        return port;
    }

    /** {@code network.port-count}: ports tried from {@link #port()} upward; default 1 (exactly that port). */
    public int portCount() {
        return portCount;
    }

    /** {@code join.mode}; default {@link JoinMode#TCP_IP}. */
    public JoinMode joinMode() {
        return joinMode;
    }

    /** {@code join.members}: {@code host:port} of the other members, for {@link JoinMode#TCP_IP}. */
    public List<String> members() {
        return members;
    }

    /** {@code join.kubernetes.service-dns}, for {@link JoinMode#KUBERNETES}. */
    public String kubernetesServiceDns() {
        return kubernetesServiceDns;
    }

    /** {@code session-map.names}: name or wildcard pattern of the session maps; default {@code sessions*}. */
    public String sessionMaps() {
        return sessionMaps;
    }

    /** Whether a map of this name is one of the session maps this member configures. */
    public boolean isSessionMap(String mapName) {
        return GridConfigs.covers(sessionMaps, mapName);
    }

    /** {@code session-map.backup-count}: synchronous backups of each session; default 1. */
    public int backupCount() {
        return backupCount;
    }

    /** {@code session-map.async-backup-count}; default 0. */
    public int asyncBackupCount() {
        return asyncBackupCount;
    }

    /** {@code session-map.near-cache.max-entries}: 0 turns the member's near cache off; default 10,000. */
    public int nearCacheMaxEntries() {
        return nearCacheMaxEntries;
    }

    /**
     * {@code session.read-mode} of the stores this JVM opens, when the settings name it. {@link ReadMode#VALIDATED}:
     * the stores keep copies of their own, confirmed with the owner at every read, so Hazelcast's near cache is
     * left out and no owner sends this JVM an invalidation per write. Empty (the builder's default): a near cache,
     * for stores of either mode.
     */
    public Optional<ReadMode> readMode() {
        return Optional.ofNullable(readMode);
    }

    /** {@code shutdown.max-wait}: how long a graceful shutdown waits for backups to be safe; 120 s. */
    public Duration gracefulShutdownMaxWait() {
        return gracefulShutdownMaxWait;
    }

    /** {@code hazelcast.properties}: raw Hazelcast properties, applied last. */
    public Map<String, String> hazelcastProperties() {
        return hazelcastProperties;
    }

    /** Validates each value as it is set. Not thread safe. */
    public static final class Builder {
        private String clusterName = "session-grid";
        private String host = "127.0.0.1";
        private int port = 5701;
        private int portCount = 1;
        private JoinMode joinMode = JoinMode.TCP_IP;
        private final List<String> members = new ArrayList<>();
        private String kubernetesServiceDns;
        private String sessionMaps = "sessions*";
        private int backupCount = 1;
        private int asyncBackupCount = 0;
        private int nearCacheMaxEntries = 10_000;
        private ReadMode readMode;
        private Duration gracefulShutdownMaxWait = Duration.ofSeconds(120);
        private final Map<String, String> hazelcastProperties = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder clusterName(String name) {
            this.clusterName = Addresses.requireName("cluster.name", name);
            return this;
        }

        public Builder host(String host) {
            this.host = Addresses.requireHost("network.host", host);
            return this;
        }

        public Builder port(int port) {
            this.port = Addresses.requirePort("network.port", port);
            return this;
        }

        public Builder portCount(int count) {
            if (count < 1 || count > 100) {
                throw new IllegalArgumentException("network.port-count must be 1-100, got " + count);
            }
            this.portCount = count;
            return this;
        }

        public Builder joinMode(JoinMode mode) {
            this.joinMode = Objects.requireNonNull(mode, "join.mode");
            return this;
        }

        /** Adds {@code host:port} addresses of members to join (TCP-IP). */
        public Builder member(String... addresses) {
            for (String a : addresses) {
                members.add(Addresses.requireAddress("join.members", a));
            }
            return this;
        }

        public Builder kubernetesServiceDns(String dns) {
            this.kubernetesServiceDns = Addresses.requireHost("join.kubernetes.service-dns", dns);
            return this;
        }

        public Builder sessionMaps(String pattern) {
            if (pattern == null || !MAP_PATTERN.matcher(pattern).matches()) {
                throw new IllegalArgumentException("session-map.names must be a map name or pattern of"
                        + " [A-Za-z0-9._*-], got " + pattern);
            }
            this.sessionMaps = pattern;
            return this;
        }

        public Builder backupCount(int count) {
            this.backupCount = Addresses.requireRange("session-map.backup-count", count, 0, 6);
            return this;
        }

        public Builder asyncBackupCount(int count) {
            this.asyncBackupCount = Addresses.requireRange("session-map.async-backup-count", count, 0, 6);
            return this;
        }

        public Builder nearCacheMaxEntries(int entries) {
            this.nearCacheMaxEntries = Addresses.requireRange("session-map.near-cache.max-entries", entries, 0,
                    Integer.MAX_VALUE);
            return this;
        }

        /** See {@link #readMode()}. */
        public Builder readMode(ReadMode mode) {
            this.readMode = Objects.requireNonNull(mode, "session.read-mode");
            return this;
        }

        public Builder gracefulShutdownMaxWait(Duration wait) {
            if (wait == null || wait.toSeconds() < 1) {
                throw new IllegalArgumentException("shutdown.max-wait must be at least 1 s, got " + wait);
            }
            this.gracefulShutdownMaxWait = wait;
            return this;
        }

        public Builder hazelcastProperty(String name, String value) {
            if (name == null || !name.startsWith("hazelcast.") || value == null) {
                throw new IllegalArgumentException("hazelcast.properties keys start with \"hazelcast.\" and have"
                        + " a value, got " + name + "=" + value);
            }
            hazelcastProperties.put(name, value);
            return this;
        }

        public MemberSettings build() {
            if (backupCount + asyncBackupCount > 6) {
                throw new IllegalArgumentException("session-map.backup-count + async-backup-count must be at most"
                        + " 6, got " + (backupCount + asyncBackupCount));
            }
            if (joinMode == JoinMode.KUBERNETES && kubernetesServiceDns == null) {
                throw new IllegalArgumentException("join.mode kubernetes needs join.kubernetes.service-dns, the"
                        + " DNS name of the headless service (e.g. grid.default.svc.cluster.local)");
            }
            return new MemberSettings(this);
        }
    }
}
