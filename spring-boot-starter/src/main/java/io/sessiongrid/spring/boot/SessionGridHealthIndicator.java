package io.sessiongrid.spring.boot;

import com.hazelcast.core.HazelcastInstance;
import io.sessiongrid.client.api.SessionGridException;
import io.sessiongrid.client.api.SessionStore;
import io.sessiongrid.client.hazelcast.SessionGrid;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import java.util.Locale;

/**
 * Up when the store answers a grid call within its operation timeout and, on a member, when every partition has
 * its backups (the cluster is safe: losing a member now loses no session); down otherwise, with the cause. A
 * client cannot see partition safety; it reports the members it is connected to. Thread safe.
 */
public final class SessionGridHealthIndicator implements HealthIndicator {
    private final SessionStore store;
    private final SessionGridConnection connection;

    /** @param connection the starter's connection, or null when the application made the store itself */
    public SessionGridHealthIndicator(SessionStore store, SessionGridConnection connection) {
        this.store = store;
        this.connection = connection;
    }

    @Override
    public Health health() {
        Health.Builder health = Health.up();
        try {
            health.withDetail("sessions", store.count());
        } catch (SessionGridException e) {
            return Health.down().withDetail("error", e.getMessage()).build();
        }
        if (connection == null) {
            return health.build();
        }
        health.withDetail("mode", connection.mode().name().toLowerCase(Locale.ROOT));
        if (connection.grid().isEmpty()) {
            return health.build();
        }
        HazelcastInstance hazelcast = connection.grid().map(SessionGrid::hazelcast).orElseThrow();
        health.withDetail("members", hazelcast.getCluster().getMembers().size());
        if (connection.mode() != SessionGridProperties.Mode.CLIENT) {
            boolean safe = hazelcast.getPartitionService().isClusterSafe();
            health.withDetail("clusterSafe", safe);
            if (!safe) {
                health.down();
            }
        }
        return health.build();
    }
}
