package io.sessiongrid.client.hazelcast;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.map.LocalMapStats;
import com.hazelcast.nearcache.NearCacheStats;
import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;

import java.util.List;
import java.util.function.Supplier;
import java.util.concurrent.Callable;

/** Runs on a member and answers its {@link MemberReport} for one session map. */
final class ReportMember implements Callable<MemberReport>, HazelcastInstanceAware {
    /** The processors that write; their runs, across the member's session maps, count as writes. */
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
        LocalMapStats stats = member.getMap(mapName).getLocalMapStats();
        ProcessorRuns runs = ProcessorRuns.of(member);
        NearCacheStats nearCache = stats.getNearCacheStats();
        Runtime runtime = Runtime.getRuntime();
        var local = member.getCluster().getLocalMember();
        return new MemberReport(local.getAddress().getHost() + ":" + local.getAddress().getPort(),
                local.getUuid().toString(), local.getVersion().toString(),
                member.getPartitionService().isLocalMemberSafe(), !member.getLifecycleService().isRunning(),
                stats.getOwnedEntryCount(), stats.getBackupEntryCount(), stats.getOwnedEntryMemoryCost(),
                stats.getBackupEntryMemoryCost(), stats.getGetOperationCount() + runs.of("ReadIfChanged"),
                stats.getPutOperationCount() + stats.getSetOperationCount() + stats.getRemoveOperationCount()
                        + WRITES.stream().mapToLong(runs::of).sum(),
                nearCache == null ? 0 : nearCache.getHits(), nearCache == null ? 0 : nearCache.getMisses(),
                runtime.totalMemory() - runtime.freeMemory(), runtime.maxMemory(), persistence());
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
