package io.sessiongrid.client.hazelcast;

import com.hazelcast.nio.serialization.FieldKind;
import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;

/**
 * One member's account of itself and of one session map, taken on the member. Counts are of this member's own
 * partitions (owned) and replicas (backup); bytes are the entries' size in their serialized form (Hazelcast's
 * estimate for a map kept as bytes; for the session maps, kept as objects, a sample of the member's entries times
 * their count). Immutable.
 *
 * @param address        the member's host:port
 * @param uuid           the member's id in the cluster
 * @param version        Hazelcast version the member runs
 * @param partitionsSafe whether every partition the member holds has its backups in place
 * @param shuttingDown   whether the member has begun to leave
 * @param reads          reads served by this member since it started: gets of the map, and validated reads (counted
 *                       across the member's session maps: a processor does not know its map)
 * @param writes         writes served by this member: puts and removals of the map, and runs of the writing
 *                       processors as primary (across its session maps)
 * @param persistence    the durable copy's state, such as {@code write-through, database answering}, or {@code off}
 */
public record MemberReport(String address, String uuid, String version, boolean partitionsSafe, boolean shuttingDown,
                           long ownedSessions, long backupSessions, long ownedBytes, long backupBytes,
                           long reads, long writes, long nearCacheHits, long nearCacheMisses,
                           long heapUsedBytes, long heapMaxBytes, String persistence) {
    /**
     * Where a member with durable sessions keeps a {@code Supplier<String>} of its persistence state in its user
     * context; a member without one reports {@code off}.
     */
    public static final String PERSISTENCE_STATE_KEY = "io.sessiongrid.persistence-state";

    static final class Serializer implements CompactSerializer<MemberReport> {
        @Override
        public MemberReport read(CompactReader in) {
            return new MemberReport(in.readString("address"), in.readString("uuid"), in.readString("version"),
                    in.readBoolean("partitionsSafe"), in.readBoolean("shuttingDown"), in.readInt64("ownedSessions"),
                    in.readInt64("backupSessions"), in.readInt64("ownedBytes"), in.readInt64("backupBytes"),
                    in.readInt64("reads"), in.readInt64("writes"), in.readInt64("nearCacheHits"),
                    in.readInt64("nearCacheMisses"), in.readInt64("heapUsedBytes"), in.readInt64("heapMaxBytes"),
                    in.getFieldKind("persistence") == FieldKind.STRING ? in.readString("persistence") : "unknown");
        }

        @Override
        public void write(CompactWriter out, MemberReport r) {
            out.writeString("address", r.address);
            out.writeString("uuid", r.uuid);
            out.writeString("version", r.version);
            out.writeBoolean("partitionsSafe", r.partitionsSafe);
            out.writeBoolean("shuttingDown", r.shuttingDown);
            out.writeInt64("ownedSessions", r.ownedSessions);
            out.writeInt64("backupSessions", r.backupSessions);
            out.writeInt64("ownedBytes", r.ownedBytes);
            out.writeInt64("backupBytes", r.backupBytes);
            out.writeInt64("reads", r.reads);
            out.writeInt64("writes", r.writes);
            out.writeInt64("nearCacheHits", r.nearCacheHits);
            out.writeInt64("nearCacheMisses", r.nearCacheMisses);
            out.writeInt64("heapUsedBytes", r.heapUsedBytes);
            out.writeInt64("heapMaxBytes", r.heapMaxBytes);
            out.writeString("persistence", r.persistence);
        }

        @Override
        public String getTypeName() {
            return "sessiongrid.MemberReport";
        }

        @Override
        public Class<MemberReport> getCompactClass() {
            return MemberReport.class;
        }
    }
}
