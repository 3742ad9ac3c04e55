package io.sessiongrid.client.hazelcast;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The durable copy of the session maps that members write through or behind ({@link SessionPersistence}): one
 * {@link SessionRow} per live session and map. Each call either does all it was asked or nothing, and throws
 * {@link PersistenceUnavailableException} when the database does not answer. Implementations are thread safe:
 * members call them from several threads at once.
 */
public interface SessionRows {
    /** Inserts or replaces these rows; a row is never replaced by one of a lower version. */
    void write(String mapName, Collection<SessionRow> rows);

    /** Deletes these keys' rows; a key with no row is no error. */
    void delete(String mapName, Collection<String> keys);

    /** The record bytes of those keys whose rows exist and have not expired at {@code now}, by key. */
    Map<String, byte[]> read(String mapName, Collection<String> keys, long now);

    /** Every key of the map whose row has not expired at {@code now}. */
    List<String> liveKeys(String mapName, long now);

    /** The keys of the map's rows that belong to {@code principal} and have not expired at {@code now}. */
    List<String> principalKeys(String mapName, String principal, long now);
}
