package io.sessiongrid.client.hazelcast;

import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.client.config.ClientConnectionStrategyConfig;
import com.hazelcast.client.config.RoutingMode;
import com.hazelcast.config.Config;
import com.hazelcast.config.EntryListenerConfig;
import com.hazelcast.config.EvictionConfig;
import com.hazelcast.config.EvictionPolicy;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MapStoreConfig;
import com.hazelcast.config.MaxSizePolicy;
import com.hazelcast.config.MergePolicyConfig;
import com.hazelcast.config.NearCacheConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.map.EntryLoader;
import com.hazelcast.map.MapStoreFactory;
import com.hazelcast.spi.merge.LatestUpdateMergePolicy;
import io.sessiongrid.client.api.ReadMode;
import io.sessiongrid.client.core.SessionRecord;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Builds Hazelcast member and client configurations from the settings, so that grid-nodes, embedded members and
 * clients configure the session maps identically.
 */
public final class GridConfigs {
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|\\[?[0-9a-fA-F:]+]?");

    private GridConfigs() {
    }

    /** A member configuration: network, join, the session and principal maps (backups, merge, near cache). */
    public static Config member(MemberSettings s) {
        return member(s, null);
    }

    /**
     * As {@link #member(MemberSettings)}, with every session map kept durably as {@code persistence} says
     * ({@code null}: in memory only).
     */
    public static Config member(MemberSettings s, SessionPersistence persistence) {
        Config c = new Config();
        c.setClusterName(s.clusterName());
        // The grid has no business calling out; and invalidations are sent at once, not batched for seconds,
        // so that a STICKY near cache is stale only for the time a message takes.
        c.setProperty("hazelcast.phone.home.enabled", "false");
        c.setProperty("hazelcast.map.invalidation.batch.enabled", "false");
        c.setProperty("hazelcast.shutdownhook.enabled", "false");
        c.setProperty("hazelcast.graceful.shutdown.max.wait", String.valueOf(s.gracefulShutdownMaxWait().toSeconds()));
        c.setProperty("hazelcast.socket.bind.any", "false");
        // The owner's expiry task visits this many partitions per run (every 5 s); Hazelcast's default visits a
        // few, so an expired session nobody reads again could linger, and its expiry event come, minutes late.
        c.setProperty("hazelcast.internal.map.expiration.cleanup.operation.count", "271");
        c.setProperty("hazelcast.local.localAddress", s.host());

        NetworkConfig network = c.getNetworkConfig();
        network.setPort(s.port()).setPortCount(s.portCount()).setPortAutoIncrement(s.portCount() > 1);
        if (IP_LITERAL.matcher(s.host()).matches()) {
            network.getInterfaces().setEnabled(true).addInterface(s.host());
        }
        JoinConfig join = network.getJoin();
        join.getAutoDetectionConfig().setEnabled(false);
        join.getMulticastConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(false);
        switch (s.joinMode()) {
            case TCP_IP -> {
                join.getTcpIpConfig().setEnabled(true);
                s.members().forEach(join.getTcpIpConfig()::addMember);
            }
            case MULTICAST -> join.getMulticastConfig().setEnabled(true);
            case KUBERNETES -> join.getKubernetesConfig().setEnabled(true)
                    .setProperty("service-dns", s.kubernetesServiceDns());
        }

        MapConfig sessions = sessionMap(s);
        MapConfig principals = principalMap(s);
        if (persistence != null) {
            sessions.setMapStoreConfig(mapStore(persistence));
            principals.setMapStoreConfig(principalLoader(persistence));
        }
        c.addMapConfig(sessions);
        c.addMapConfig(principals);
        GridSerialization.register(c.getSerializationConfig());
        s.hazelcastProperties().forEach(c::setProperty);
        return c;
    }

    static MapConfig sessionMap(MemberSettings s) {
        // OBJECT: an entry processor works on the stored record itself, with no decode before and no encode after,
        // on the owner and on each backup. That holds only while the map has no index (with one, Hazelcast copies
        // the value for every processor), so sessions are found by principal through a map of their own.
        MapConfig map = new MapConfig(s.sessionMaps())
                .setInMemoryFormat(InMemoryFormat.OBJECT)
                .setBackupCount(s.backupCount())
                .setAsyncBackupCount(s.asyncBackupCount())
                .setReadBackupData(false)
                // Split-brain heal: the side that wrote a session last wins it; this policy needs the
                // per-entry update times.
                .setPerEntryStatsEnabled(true)
                .setMergePolicyConfig(new MergePolicyConfig(LatestUpdateMergePolicy.class.getName(),
                        MergePolicyConfig.DEFAULT_BATCH_SIZE))
                .addEntryListenerConfig(new EntryListenerConfig(new PrincipalKeysOnEnd(), true, true));
        if (keepsNearCache(s.nearCacheMaxEntries(), s.readMode())) {
            map.setNearCacheConfig(nearCache(s.sessionMaps(), s.nearCacheMaxEntries()).setCacheLocalEntries(true));
        }
        return map;
    }

    /** The principal maps ({@link PrincipalIndex}): as safe as the session maps they index, kept as objects. */
    static MapConfig principalMap(MemberSettings s) {
        return new MapConfig(PrincipalIndex.mapName(s.sessionMaps()))
                .setInMemoryFormat(InMemoryFormat.OBJECT)
                .setBackupCount(s.backupCount())
                .setAsyncBackupCount(s.asyncBackupCount())
                .setReadBackupData(false)
                .setMergePolicyConfig(new MergePolicyConfig(PrincipalKeysMerge.class.getName(),
                        MergePolicyConfig.DEFAULT_BATCH_SIZE));
    }

    private static MapStoreConfig principalLoader(SessionPersistence p) {
        return new MapStoreConfig().setEnabled(true)
                .setFactoryImplementation((MapStoreFactory<String, PrincipalKeys>) (mapName, properties) ->
                        new PrincipalKeysLoader(p.rows(), PrincipalIndex.sessionMapOf(mapName), p))
                .setInitialLoadMode(MapStoreConfig.InitialLoadMode.LAZY);
    }

    private static MapStoreConfig mapStore(SessionPersistence p) {
        // Coalescing: one pending row per session, so the write-behind queue is bounded by the sessions held and a
        // burst of writes to one session costs one row write. Offloaded (Hazelcast's default): database calls run on
        // the map-store threads, not the partition threads.
        return new MapStoreConfig().setEnabled(true)
                .setFactoryImplementation((MapStoreFactory<String, EntryLoader.MetadataAwareValue<SessionRecord>>) (mapName, properties) ->
                        new SessionMapStore(p.rows(), mapName, p))
                .setWriteDelaySeconds((int) p.writeDelay().toSeconds())
                .setWriteBatchSize(p.writeBatchSize())
                .setWriteCoalescing(true)
                .setInitialLoadMode(p.eagerLoad() ? MapStoreConfig.InitialLoadMode.EAGER
                        : MapStoreConfig.InitialLoadMode.LAZY);
    }

    /** A client configuration: addresses, routing, fail-fast operations, background reconnection. */
    public static ClientConfig client(ClientSettings s) {
        ClientConfig c = new ClientConfig();
        c.setClusterName(s.clusterName());
        c.getNetworkConfig().addAddress(s.addresses().toArray(String[]::new));
        c.getNetworkConfig().getClusterRoutingConfig()
                .setRoutingMode(s.allMembersRouting() ? RoutingMode.ALL_MEMBERS : RoutingMode.SINGLE_MEMBER);
        // Start without blocking and reconnect in the background for ever: while the grid is away, operations
        // fail at once (the application answers 503) and the client comes back by itself.
        c.getConnectionStrategyConfig().setAsyncStart(true)
                .setReconnectMode(ClientConnectionStrategyConfig.ReconnectMode.ASYNC)
                .getConnectionRetryConfig().setClusterConnectTimeoutMillis(-1).setMaxBackoffMillis(2_000);
        c.setProperty("hazelcast.client.invocation.timeout.seconds",
                String.valueOf(s.operationTimeout().toSeconds()));
        if (keepsNearCache(s.nearCacheMaxEntries(), s.readMode())) {
            c.addNearCacheConfig(nearCache(s.sessionMaps(), s.nearCacheMaxEntries())
                    .setLocalUpdatePolicy(NearCacheConfig.LocalUpdatePolicy.INVALIDATE));
        }
        GridSerialization.register(c.getSerializationConfig());
        s.hazelcastProperties().forEach(c::setProperty);
        return c;
    }

    /**
     * Whether a JVM gets Hazelcast's near cache: only {@code STICKY} stores read it, and keeping one costs an
     * invalidation event from the owner on every write of a session in it.
     */
    static boolean keepsNearCache(int maxEntries, Optional<ReadMode> readMode) {
        return maxEntries > 0 && readMode.orElse(ReadMode.STICKY) == ReadMode.STICKY;
    }

    private static NearCacheConfig nearCache(String maps, int maxEntries) {
        // OBJECT: records are immutable, so a hit hands out the cached instance with no decoding.
        return new NearCacheConfig(maps)
                .setInMemoryFormat(InMemoryFormat.OBJECT)
                .setInvalidateOnChange(true)
                .setEvictionConfig(new EvictionConfig().setEvictionPolicy(EvictionPolicy.LRU)
                        .setMaxSizePolicy(MaxSizePolicy.ENTRY_COUNT).setSize(maxEntries));
    }

    /** Whether a map name is covered by a Hazelcast map-config name or {@code *} pattern. */
    static boolean covers(String pattern, String mapName) {
        String regex = Pattern.quote(pattern).replace("*", "\\E.*\\Q");
        return mapName.matches(regex);
    }
}
