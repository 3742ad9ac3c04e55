package io.sessiongrid.spring.boot;

import com.hazelcast.core.HazelcastInstance;
import io.sessiongrid.client.api.SessionStore;
import io.sessiongrid.client.hazelcast.SessionGrid;
import io.sessiongrid.client.local.InProcessSessionStore;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * The grid the starter reached, in the mode the properties name, and the store opened on it. Closing it closes
 * the store and then a grid the starter started itself (client or embedded member); an application's own
 * HazelcastInstance is left running. Thread safe.
 */
public final class SessionGridConnection implements AutoCloseable {
    private final SessionGridProperties.Mode mode;
    private final SessionGrid grid;
    private final SessionStore store;

    private SessionGridConnection(SessionGridProperties.Mode mode, SessionGrid grid, SessionStore store) {
        this.mode = mode;
        this.grid = grid;
        this.store = store;
    }

    /**
     * @param instance the application's HazelcastInstance bean, asked for only in {@code instance} mode
     * @throws IllegalStateException in {@code instance} mode without such a bean
     */
    static SessionGridConnection open(SessionGridProperties properties, Supplier<HazelcastInstance> instance) {
        SessionGridProperties.Mode mode = properties.mode();
        if (mode == SessionGridProperties.Mode.LOCAL) {
            return new SessionGridConnection(mode, null, new InProcessSessionStore(properties.store()));
        }
        SessionGrid grid = switch (mode) {
            case CLIENT -> SessionGrid.client(properties.client());
            case EMBEDDED -> SessionGrid.embedded(properties.member());
            case INSTANCE -> {
                HazelcastInstance given = instance.get();
                if (given == null) {
                    throw new IllegalStateException("sessiongrid.grid.mode=instance needs a HazelcastInstance bean;"
                            + " define one, or choose sessiongrid.grid.mode=client, embedded or local");
                }
                yield SessionGrid.wrap(given);
            }
            case LOCAL -> throw new AssertionError(mode);
        };
        try {
            return new SessionGridConnection(mode, grid, grid.openStore(properties.store()));
        } catch (RuntimeException e) {
            grid.close();
            throw e;
        }
    }

    public SessionGridProperties.Mode mode() {
        return mode;
    }

    /** The grid, or empty in {@code local} mode. */
    public Optional<SessionGrid> grid() {
        return Optional.ofNullable(grid);
    }

    public SessionStore store() {
        return store;
    }

    @Override
    public void close() {
        try {
            store.close();
        } finally {
            if (grid != null) {
                grid.close();
            }
        }
    }
}
