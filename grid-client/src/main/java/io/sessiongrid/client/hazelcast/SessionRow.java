package io.sessiongrid.client.hazelcast;

/**
 * One session as its durable row: the columns a database may index and the record's bytes, opaque to it (attribute
 * values as the grid holds them, encrypted when encryption is on). Immutable by contract: the array is not copied and
 * must not be modified.
 *
 * @param key       the session key (a hash of the id; the id itself never reaches a database)
 * @param principal the user the session belongs to, or null
 * @param expiresAt when the session expires unless used again, epoch milliseconds; {@link Long#MAX_VALUE} for never
 * @param version   the record's version: a row is only ever replaced by a higher one
 * @param record    the record's durable bytes
 */
public record SessionRow(String key, String principal, long expiresAt, long version, byte[] record) {
}
