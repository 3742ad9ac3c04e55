package io.sessiongrid.client.hazelcast;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.internal.serialization.SerializationService;
import com.hazelcast.map.IMap;
import com.hazelcast.map.LocalMapStats;
import com.hazelcast.nearcache.NearCacheStats;
import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import com.hazelcast.spi.impl.SerializationServiceSupport;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.concurrent.Callable;

/** Runs on a member and answers its {@link MemberReport} for one session map. */
final class ReportMember implements Callable<MemberReport>, HazelcastInstanceAware {
    /** The processors that write; their runs, across the member's session maps, count as writes. */
    private static final int SAMPLE = 32;
    private static final List<String> WRITES = List.of("Create", "ApplyDelta", "Touch", "Invalidate", "Install",
            "RetireIfUnchanged");
    private final String mapName;
    private transient HazelcastInstance member;

    ReportMember(String mapName) {
        this.mapName = mapName;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance member) {
        this.member = member;
    }

    @Override
    public MemberReport call() {
        IMap<Object, Object> map = member.getMap(mapName);
        LocalMapStats stats = map.getLocalMapStats();
        long ownedBytes = stats.getOwnedEntryMemoryCost();
        long backupBytes = stats.getBackupEntryMemoryCost();
        if (ownedBytes == 0 && stats.getOwnedEntryCount() > 0) {
            long perEntry = sampledEntryBytes(map);
            ownedBytes = perEntry * stats.getOwnedEntryCount();
            backupBytes = perEntry * stats.getBackupEntryCount();
        }
        ProcessorRuns runs = ProcessorRuns.of(member);
        NearCacheStats nearCache = stats.getNearCacheStats();
        Runtime runtime = Runtime.getRuntime();
        var local = member.getCluster().getLocalMember();
        return new MemberReport(local.getAddress().getHost() + ":" + local.getAddress().getPort(),
                local.getUuid().toString(), local.getVersion().toString(),
                member.getPartitionService().isLocalMemberSafe(), !member.getLifecycleService().isRunning(),
                stats.getOwnedEntryCount(), stats.getBackupEntryCount(), ownedBytes,
                backupBytes, stats.getGetOperationCount() + runs.of("ReadIfChanged"),
                stats.getPutOperationCount() + stats.getSetOperationCount() + stats.getRemoveOperationCount()
                        + WRITES.stream().mapToLong(runs::of).sum(),
                nearCache == null ? 0 : nearCache.getHits(), nearCache == null ? 0 : nearCache.getMisses(),
                runtime.totalMemory() - runtime.freeMemory(), runtime.maxMemory(), persistence());
    }

    /**
     * The mean serialized size of up to {@value #SAMPLE} of this member's entries, key and value: Hazelcast estimates
     * no memory cost for a map kept as objects. Listing the member's keys to take the sample costs a pass over them,
     * which an administrative report can afford.
     */
    private long sampledEntryBytes(IMap<Object, Object> map) {
        if (!(member instanceof SerializationServiceSupport support)) {
            return 0;
        }
        SerializationService serialization = support.getSerializationService();
        Set<Object> sample = new HashSet<>();
        for (Object key : map.localKeySet()) {
            sample.add(key);
            if (sample.size() == SAMPLE) {
                break;
            }
        }
        Map<Object, Object> entries = map.getAll(sample);
        long total = 0;
        for (Map.Entry<Object, Object> e : entries.entrySet()) {
            total += serialization.toData(e.getKey()).totalSize() + serialization.toData(e.getValue()).totalSize();
        }
        return entries.isEmpty() ? 0 : total / entries.size();
    }

    private String persistence() {
        Object state = member.getUserContext().get(MemberReport.PERSISTENCE_STATE_KEY);
        return state instanceof Supplier<?> supplier ? String.valueOf(supplier.get()) : "off";
    }

    static final class Serializer implements CompactSerializer<ReportMember> {
        @Override
        public ReportMember read(CompactReader in) {
            return new ReportMember(in.readString("mapName"));
        }

        @Override
        public void write(CompactWriter out, ReportMember task) {
            out.writeString("mapName", task.mapName);
        }

        @Override
        public String getTypeName() {
            return "sessiongrid.ReportMember";
        }

        @Override
        public Class<ReportMember> getCompactClass() {
            return ReportMember.class;
        }
    }
}
