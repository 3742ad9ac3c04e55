package io.sessiongrid.client.hazelcast;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.config.ListenerConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent;
import com.hazelcast.core.LifecycleListener;
import io.sessiongrid.client.api.GridUnavailableException;
import io.sessiongrid.client.api.ReadMode;
import io.sessiongrid.client.api.SessionStore;
import io.sessiongrid.client.api.StoreSettings;
import io.sessiongrid.client.core.SessionRecord;
import io.sessiongrid.client.core.SessionRules;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The one entry point of an application to a session grid, in any of three modes with the same store API:
 * {@link #embedded} (this JVM becomes a member), {@link #client} (a thin client with a near cache) or
 * {@link #wrap} (a HazelcastInstance the application built itself). Closing a grid that it started shuts its
 * member or client down gracefully; a wrapped instance is left running. Thread safe.
 */
public final class SessionGrid implements AutoCloseable {
    private final HazelcastInstance instance;
    private final boolean owned;
    private final String sessionMaps;
    private final int nearCacheEntries;
    /** The read mode the grid was configured for: with VALIDATED it has no Hazelcast near cache. */
    private final Optional<ReadMode> readMode;

    private SessionGrid(HazelcastInstance instance, boolean owned, String sessionMaps, int nearCacheEntries,
                        Optional<ReadMode> readMode) {
        GridThreads.replaceHazelcastThreadPerCallback();
        this.instance = instance;
        this.owned = owned;
        this.sessionMaps = sessionMaps;
        this.nearCacheEntries = nearCacheEntries;
        this.readMode = readMode;
    }

    /**
     * Whether a value of a session map (as a member's entry listener sees it) is the forwarding record an id
     * change leaves under the old key for a while, rather than a session.
     */
    public static boolean isForwardingRecord(Object mapValue) {
        return mapValue instanceof SessionRecord record && record.isForwarding();
    }

    /** Starts a member in this JVM and joins the cluster the settings describe. */
    public static SessionGrid embedded(MemberSettings settings) {
        return new SessionGrid(Hazelcast.newHazelcastInstance(GridConfigs.member(settings)), true,
                settings.sessionMaps(), settings.nearCacheMaxEntries(), settings.readMode());
    }

    /**
     * Connects as a thin client and waits until it reaches a member.
     *
     * @throws GridUnavailableException if no member answered within the connect timeout
     */
    public static SessionGrid client(ClientSettings settings) {
        ClientConfig config = GridConfigs.client(settings);
        CountDownLatch connected = new CountDownLatch(1);
        config.addListenerConfig(new ListenerConfig((LifecycleListener) event -> {
            if (event.getState() == LifecycleEvent.LifecycleState.CLIENT_CONNECTED) {
                connected.countDown();
            }
        }));
        HazelcastInstance client = HazelcastClient.newHazelcastClient(config);
        boolean reached;
        try {
            reached = connected.await(settings.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reached = false;
        }
        if (!reached) {
            client.shutdown();
            throw new GridUnavailableException("no member of cluster \"" + settings.clusterName() + "\" answered at "
                    + settings.addresses() + " within " + settings.connectTimeout().toSeconds() + " s; start the"
                    + " grid, or check client.addresses and cluster.name", null);
        }
        return new SessionGrid(client, true, settings.sessionMaps(), settings.nearCacheMaxEntries(),
                settings.readMode());
    }

    /**
     * Uses an instance the application manages. Its configuration must have had
     * {@link GridSerialization#register} applied, and should configure the session map and the principal map
     * beside it as {@link GridConfigs#member} does (backups, near cache, the listener that drops ended sessions from
     * the principal map).
     */
    public static SessionGrid wrap(HazelcastInstance instance) {
        return new SessionGrid(Objects.requireNonNull(instance, "instance"), false, null,
                ClientSettings.builder().build().nearCacheMaxEntries(), Optional.empty());
    }

    /**
     * Opens a store over the map the settings name. Several stores (applications) may share one grid, each
     * with its own map.
     *
     * @throws IllegalArgumentException if the map is not one this grid configured as a session map, or the store
     *                                  reads STICKY from a grid configured for VALIDATED reads (it has no near cache)
     */
    public SessionStore openStore(StoreSettings settings) {
        if (settings.readMode() == ReadMode.STICKY && readMode.orElse(ReadMode.STICKY) != ReadMode.STICKY) {
            throw new IllegalArgumentException("session.read-mode sticky reads Hazelcast's near cache, and this grid"
                    + " has none: it was configured for validated reads; configure the grid and the store with the"
                    + " same session.read-mode");
        }
        if (sessionMaps != null && !GridConfigs.covers(sessionMaps, settings.mapName())) {
            throw new IllegalArgumentException("session.map-name \"" + settings.mapName() + "\" is not covered by"
                    + " the session map configuration \"" + sessionMaps + "\", so it would have no backups or near"
                    + " cache; choose a name that matches it or change session-map.names");
        }
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        SessionRules rules = new SessionRules(settings, loader != null ? loader : SessionGrid.class.getClassLoader());
        CompactSchemas.register(instance, rules);
        // The lock and claims maps are named outside the session-map pattern: plain entries, no near cache or index.
        return new HazelcastSessionStore(instance.getMap(settings.mapName()),
                new PrincipalIndex(instance.getMap(PrincipalIndex.mapName(settings.mapName())), PrincipalIndex.GRACE),
                instance.getMap("sessiongrid-locks." + settings.mapName()),
                instance.getMap("sessiongrid-expiry-claims." + settings.mapName()), rules, nearCacheEntries);
    }

    /** The underlying instance, for metrics and administration. */
    public HazelcastInstance hazelcast() {
        return instance;
    }

    @Override
    public void close() {
        if (owned && instance.getLifecycleService().isRunning()) {
            instance.shutdown();
        }
    }
}
