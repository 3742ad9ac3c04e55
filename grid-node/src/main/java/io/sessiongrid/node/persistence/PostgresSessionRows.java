package io.sessiongrid.node.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.sessiongrid.client.hazelcast.PersistenceUnavailableException;
import io.sessiongrid.client.hazelcast.SessionRow;
import io.sessiongrid.client.hazelcast.SessionRows;
import io.sessiongrid.node.config.PersistenceSettings;
import org.flywaydb.core.Flyway;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The session rows in one PostgreSQL table ({@code sessiongrid_sessions}, created and migrated by Flyway at start),
 * over a HikariCP pool. A batch of rows is written in one transaction, so a failed batch leaves nothing of itself; a
 * row is replaced only by a newer version of its record. Every call waits at most {@code persistence.timeout} for a
 * connection and for the server; once a call found the database unreachable, the next ones fail at once until
 * {@link #answers()} reaches it again (the node probes every two seconds), so that a database outage costs each write
 * an error, not a timeout. Records each call's time under {@code sessiongrid.persistence.calls}, by operation and
 * outcome. Thread safe.
 */
public final class PostgresSessionRows implements SessionRows, AutoCloseable {
    private static final String UPSERT = "INSERT INTO sessiongrid_sessions"
            + " (map_name, session_key, principal, expires_at, version, record) VALUES (?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (map_name, session_key) DO UPDATE SET principal = EXCLUDED.principal,"
            + " expires_at = EXCLUDED.expires_at, version = EXCLUDED.version, record = EXCLUDED.record"
            + " WHERE sessiongrid_sessions.version < EXCLUDED.version";

    private final HikariDataSource pool;
    private final MeterRegistry registry;
    /** One timer per operation and outcome, looked up once rather than built on every call. */
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    private volatile String unreachable;

    /**
     * Opens the pool and brings the table to this version's schema.
     *
     * @throws PersistenceUnavailableException if the database cannot be reached or migrated
     */
    public PostgresSessionRows(PersistenceSettings settings, MeterRegistry registry) {
        this.registry = registry;
        HikariConfig config = new HikariConfig();
        config.setPoolName("sessiongrid-persistence");
        config.setJdbcUrl(settings.jdbcUrl());
        config.setUsername(settings.username());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(settings.poolSize());
        config.setMinimumIdle(Math.min(2, settings.poolSize()));
        long timeoutMillis = settings.timeout().toMillis();
        config.setConnectionTimeout(Math.max(250, timeoutMillis));
        config.setValidationTimeout(Math.max(250, Math.min(timeoutMillis, 5_000)));
        // A server that stops answering must not hold a partition or map-store thread for longer than the timeout.
        long seconds = Math.max(1, settings.timeout().toSeconds());
        config.addDataSourceProperty("connectTimeout", String.valueOf(seconds));
        config.addDataSourceProperty("socketTimeout", String.valueOf(seconds));
        config.addDataSourceProperty("tcpKeepAlive", "true");
        // Start even when the database is away; the first call then fails fast (and readiness says why).
        config.setInitializationFailTimeout(-1);
        this.pool = new HikariDataSource(config);
        try {
            Flyway.configure(PostgresSessionRows.class.getClassLoader()).dataSource(pool)
                    .locations("classpath:io/sessiongrid/node/persistence/migration")
                    .table("sessiongrid_schema_history").load().migrate();
        } catch (RuntimeException e) {
            pool.close();
            throw new PersistenceUnavailableException("the session database at " + settings.jdbcUrl() + " could not"
                    + " be reached or migrated (" + e.getMessage() + "); check persistence.jdbc-url, the user and its"
                    + " right to create tables", e);
        }
    }

    @Override
    public void write(String mapName, Collection<SessionRow> records) {
        timed("write", () -> {
            try (Connection c = pool.getConnection()) {
                c.setAutoCommit(false);
                try (PreparedStatement upsert = c.prepareStatement(UPSERT)) {
                    for (SessionRow r : records) {
                        upsert.setString(1, mapName);
                        upsert.setString(2, r.key());
                        upsert.setString(3, r.principal());
                        upsert.setLong(4, r.expiresAt());
                        upsert.setLong(5, r.version());
                        upsert.setBytes(6, r.record());
                        upsert.addBatch();
                    }
                    upsert.executeBatch();
                    c.commit();
                } catch (SQLException | RuntimeException e) {
                    c.rollback();
                    throw e;
                }
            }
            return null;
        });
    }

    @Override
    public void delete(String mapName, Collection<String> keys) {
        timed("delete", () -> {
            try (Connection c = pool.getConnection();
                 PreparedStatement delete = c.prepareStatement(
                         "DELETE FROM sessiongrid_sessions WHERE map_name = ? AND session_key = ANY (?)")) {
                Array array = c.createArrayOf("varchar", keys.toArray());
                delete.setString(1, mapName);
                delete.setArray(2, array);
                delete.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public Map<String, byte[]> read(String mapName, Collection<String> keys, long now) {
        return timed("read", () -> {
            Map<String, byte[]> found = new HashMap<>(keys.size() * 2);
            try (Connection c = pool.getConnection();
                 PreparedStatement read = c.prepareStatement("SELECT session_key, record FROM sessiongrid_sessions"
                         + " WHERE map_name = ? AND session_key = ANY (?) AND expires_at > ?")) {
                read.setString(1, mapName);
                read.setArray(2, c.createArrayOf("varchar", keys.toArray()));
                read.setLong(3, now);
                try (ResultSet rows = read.executeQuery()) {
                    while (rows.next()) {
                        found.put(rows.getString(1), rows.getBytes(2));
                    }
                }
            }
            return found;
        });
    }

    @Override
    public List<String> liveKeys(String mapName, long now) {
        return timed("keys", () -> {
            List<String> keys = new ArrayList<>();
            try (Connection c = pool.getConnection();
                 PreparedStatement list = c.prepareStatement(
                         "SELECT session_key FROM sessiongrid_sessions WHERE map_name = ? AND expires_at > ?")) {
                list.setString(1, mapName);
                list.setLong(2, now);
                list.setFetchSize(1_000);
                try (ResultSet rows = list.executeQuery()) {
                    while (rows.next()) {
                        keys.add(rows.getString(1));
                    }
                }
            }
            return keys;
        });
    }

    @Override
    public List<String> principalKeys(String mapName, String principal, long now) {
        return timed("keys", () -> {
            List<String> keys = new ArrayList<>();
            try (Connection c = pool.getConnection();
                 PreparedStatement list = c.prepareStatement("SELECT session_key FROM sessiongrid_sessions"
                         + " WHERE map_name = ? AND principal = ? AND expires_at > ?")) {
                list.setString(1, mapName);
                list.setString(2, principal);
                list.setLong(3, now);
                try (ResultSet rows = list.executeQuery()) {
                    while (rows.next()) {
                        keys.add(rows.getString(1));
                    }
                }
            }
            return keys;
        });
    }

    /** The maps that have rows: the ones a starting cluster must open to load them. */
    public List<String> mapNames() {
        return timed("keys", () -> {
            List<String> names = new ArrayList<>();
            try (Connection c = pool.getConnection();
                 PreparedStatement list = c.prepareStatement("SELECT DISTINCT map_name FROM sessiongrid_sessions");
                 ResultSet rows = list.executeQuery()) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
            return names;
        });
    }

    /** Deletes the rows of every session that has expired at {@code now}; returns how many. */
    public int deleteExpired(long now) {
        return timed("sweep", () -> {
            try (Connection c = pool.getConnection();
                 PreparedStatement sweep = c.prepareStatement(
                         "DELETE FROM sessiongrid_sessions WHERE expires_at <= ?")) {
                sweep.setLong(1, now);
                return sweep.executeUpdate();
            }
        });
    }

    /** Whether the database answers now, within the validation timeout; calls are let through again if so. */
    public boolean answers() {
        boolean valid;
        try (Connection c = pool.getConnection()) {
            valid = c.isValid((int) Math.max(1, TimeUnit.MILLISECONDS.toSeconds(pool.getValidationTimeout())));
        } catch (SQLException | RuntimeException e) {
            valid = false;
        }
        if (valid) {
            unreachable = null;
        }
        return valid;
    }

    @Override
    public void close() {
        pool.close();
    }

    /** The server is gone or going, not the statement wrong: SQLSTATE class 08 (connection) or 57 (shutdown). */
    private static boolean lostConnection(SQLException e) {
        for (SQLException s = e; s != null; s = s.getNextException()) {
            String state = s.getSQLState();
            if (s instanceof java.sql.SQLTransientConnectionException
                    || state != null && (state.startsWith("08") || state.startsWith("57"))) {
                return true;
            }
        }
        return false;
    }

    private interface Work<T> {
        T run() throws SQLException;
    }

    private <T> T timed(String operation, Work<T> work) {
        long started = System.nanoTime();
        String outcome = "failed";
        String away = unreachable;
        if (away != null) {
            throw new PersistenceUnavailableException("the session database does not answer (" + away + "); check that"
                    + " it runs and that persistence.jdbc-url reaches it", null);
        }
        try {
            T result = work.run();
            outcome = "ok";
            return result;
        } catch (SQLException e) {
            if (lostConnection(e)) {
                unreachable = e.getMessage();
            }
            throw new PersistenceUnavailableException("the session database failed to " + operation + " rows ("
                    + e.getMessage() + "); check that it runs and that persistence.jdbc-url reaches it", e);
        } finally {
            String o = outcome;
            timers.computeIfAbsent(operation + ':' + o, k -> Timer.builder("sessiongrid.persistence.calls")
                    .description("calls of this node to the session database")
                    .tag("operation", operation).tag("outcome", o)
                    .register(registry)).record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        }
    }
}
