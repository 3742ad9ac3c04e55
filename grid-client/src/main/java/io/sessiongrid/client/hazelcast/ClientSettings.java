package io.sessiongrid.client.hazelcast;

import io.sessiongrid.client.api.ReadMode;
import io.sessiongrid.client.config.Setting;
import io.sessiongrid.client.config.SettingValues;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How an application connects to a grid as a thin client. Immutable; the builder validates eagerly. Defaults:
 * all-members routing (each operation goes straight to the partition owner), a bounded near cache, operations
 * that fail within 10 s when the grid is gone, and reconnection in the background.
 */
public final class ClientSettings {
    private final String clusterName;
    private final List<String> addresses;
    private final boolean allMembersRouting;
    private final String sessionMaps;
    private final int nearCacheMaxEntries;
    private final ReadMode readMode;
    private final Duration connectTimeout;
    private final Duration operationTimeout;
    private final Map<String, String> hazelcastProperties;

    private ClientSettings(Builder b) {
        this.clusterName = b.clusterName;
        this.addresses = List.copyOf(b.addresses);
        this.allMembersRouting = b.allMembersRouting;
        this.sessionMaps = b.sessionMaps;
        this.nearCacheMaxEntries = b.nearCacheMaxEntries;
        this.readMode = b.readMode;
        this.connectTimeout = b.connectTimeout;
        this.operationTimeout = b.operationTimeout;
        this.hazelcastProperties = Map.copyOf(b.hazelcastProperties);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding the client settings a component was given ({@code cluster.name}, {@code client.*},
     * {@code session-map.names}, {@code session-map.near-cache.max-entries}), the registry's defaults for the
     * rest; errors name the key as the user spelt it.
     */
    public static Builder configured(SettingValues v) {
        Builder b = builder();
        v.apply(Setting.CLUSTER_NAME, v.text(Setting.CLUSTER_NAME), b::clusterName);
        for (String address : v.list(Setting.CLIENT_ADDRESSES)) {
            v.apply(Setting.CLIENT_ADDRESSES, Optional.of(address), b::address);
        }
        v.apply(Setting.CLIENT_CONNECT_TIMEOUT, v.duration(Setting.CLIENT_CONNECT_TIMEOUT), b::connectTimeout);
        v.apply(Setting.CLIENT_OPERATION_TIMEOUT, v.duration(Setting.CLIENT_OPERATION_TIMEOUT), b::operationTimeout);
        v.apply(Setting.SESSION_MAP_NAMES, sessionMapPattern(v), b::sessionMaps);
        v.apply(Setting.SESSION_MAP_NEAR_CACHE_MAX_ENTRIES, v.integer(Setting.SESSION_MAP_NEAR_CACHE_MAX_ENTRIES),
                b::nearCacheMaxEntries);
        v.apply(Setting.SESSION_READ_MODE, storesReadMode(v), b::readMode);
        return b;
    }

    /** {@code session.read-mode}, where the component reads it (the filter and the starter do; a grid-node does not). */
    static Optional<ReadMode> storesReadMode(SettingValues v) {
        return v.isReadHere(Setting.SESSION_READ_MODE)
                ? v.choice(Setting.SESSION_READ_MODE).map(ReadMode::named) : Optional.empty();
    }

    /**
     * {@code session-map.names}; or, when only {@code session.map-name} is given, that one map, whatever it is
     * called, so that naming the store's map is all a client or embedded member needs.
     */
    static Optional<String> sessionMapPattern(SettingValues v) {
        if (v.isGiven(Setting.SESSION_MAP_NAME) && !v.isGiven(Setting.SESSION_MAP_NAMES)) {
            return v.text(Setting.SESSION_MAP_NAME);
        }
        return v.text(Setting.SESSION_MAP_NAMES);
    }

    /** {@code cluster.name}; default {@code session-grid}. */
    public String clusterName() {
        return clusterName;
    }

    /** {@code client.addresses}: {@code host:port} of one or more members; default 127.0.0.1:5701. */
    public List<String> addresses() {
        return addresses;
    }

    /** Connect to every member (true, default) or through one. */
    public boolean allMembersRouting() {
        return allMembersRouting;
    }

    /** {@code session-map.names}: name or pattern of the maps that get the near cache; {@code sessions*}. */
    public String sessionMaps() {
        return sessionMaps;
    }

    /** {@code session-map.near-cache.max-entries}: 0 turns the near cache off; default 10,000. */
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

    /** {@code client.connect-timeout}: how long start-up waits for the grid before it fails; 15 s. */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** {@code client.operation-timeout}: an operation not answered by then fails; 10 s. */
    public Duration operationTimeout() {
        return operationTimeout;
    }

    public Map<String, String> hazelcastProperties() {
        return hazelcastProperties;
    }

    /** Validates each value as it is set. Not thread safe. */
    public static final class Builder {
        private String clusterName = "session-grid";
        private final List<String> addresses = new ArrayList<>();
        private boolean allMembersRouting = true;
        private String sessionMaps = "sessions*";
        private int nearCacheMaxEntries = 10_000;
        private ReadMode readMode;
        private Duration connectTimeout = Duration.ofSeconds(15);
        private Duration operationTimeout = Duration.ofSeconds(10);
        private final Map<String, String> hazelcastProperties = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder clusterName(String name) {
            this.clusterName = Addresses.requireName("cluster.name", name);
            return this;
        }

        public Builder address(String... hostPorts) {
            for (String a : hostPorts) {
                addresses.add(Addresses.requireAddress("client.addresses", a));
            }
            return this;
        }

        public Builder allMembersRouting(boolean on) {
            this.allMembersRouting = on;
            return this;
        }

        public Builder sessionMaps(String pattern) {
            if (pattern == null || !MemberSettings.MAP_PATTERN.matcher(pattern).matches()) {
                throw new IllegalArgumentException("session-map.names must be a map name or pattern of"
                        + " [A-Za-z0-9._*-], got " + pattern);
            }
            this.sessionMaps = pattern;
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

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = atLeastOneSecond("client.connect-timeout", timeout);
            return this;
        }

        public Builder operationTimeout(Duration timeout) {
            this.operationTimeout = atLeastOneSecond("client.operation-timeout", timeout);
            return this;
        }

        public Builder hazelcastProperty(String name, String value) {
            if (name == null || !name.startsWith("hazelcast.") || value == null) {
                throw new IllegalArgumentException("client hazelcast properties start with \"hazelcast.\" and"
                        + " have a value, got " + name + "=" + value);
            }
            hazelcastProperties.put(name, value);
            return this;
        }

        public ClientSettings build() {
            if (addresses.isEmpty()) {
                addresses.add("127.0.0.1:5701");
            }
            return new ClientSettings(this);
        }

        private static Duration atLeastOneSecond(String key, Duration d) {
            if (d == null || d.toSeconds() < 1) {
                throw new IllegalArgumentException(key + " must be at least 1 s, got " + d);
            }
            return d;
        }
    }
}
