package io.sessiongrid.gridctl;

import io.sessiongrid.client.hazelcast.MemberReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code gridctl metrics}: the key figures of the whole grid in one screen. */
@Command(name = "metrics", mixinStandardHelpOptions = true,
        description = "Summarise the grid: members and safety, sessions and memory, reads, writes and the members'"
                + " near-cache hit ratio since they started.")
final class MetricsCommand implements Runnable {
    @ParentCommand
    GridCtl root;

    @Override
    public void run() {
        List<MemberReport> reports = root.withGrid(grid -> grid.admin().reports(grid.map()));
        long hits = sum(reports, MemberReport::nearCacheHits);
        long misses = sum(reports, MemberReport::nearCacheMisses);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("map", root.map);
        doc.put("members", reports.size());
        doc.put("allPartitionsSafe", reports.stream().allMatch(MemberReport::partitionsSafe));
        doc.put("sessions", sum(reports, MemberReport::ownedSessions));
        doc.put("backups", sum(reports, MemberReport::backupSessions));
        doc.put("sessionBytes", sum(reports, MemberReport::ownedBytes));
        doc.put("backupBytes", sum(reports, MemberReport::backupBytes));
        doc.put("reads", sum(reports, MemberReport::reads));
        doc.put("writes", sum(reports, MemberReport::writes));
        doc.put("nearCacheHits", hits);
        doc.put("nearCacheMisses", misses);
        doc.put("nearCacheHitRatio", hits + misses == 0 ? null : (double) hits / (hits + misses));
        doc.put("heapUsedBytes", sum(reports, MemberReport::heapUsedBytes));
        doc.put("heapMaxBytes", sum(reports, MemberReport::heapMaxBytes));
        Double ratio = (Double) doc.get("nearCacheHitRatio");
        StringBuilder text = new StringBuilder();
        line(text, "map", root.map);
        line(text, "members", reports.size() + (Boolean.TRUE.equals(doc.get("allPartitionsSafe"))
                ? ", every partition backed up" : ", SOME PARTITIONS NOT BACKED UP"));
        line(text, "sessions", doc.get("sessions") + " (" + Output.bytes((long) doc.get("sessionBytes")) + "), backups "
                + doc.get("backups") + " (" + Output.bytes((long) doc.get("backupBytes")) + ")");
        line(text, "reads / writes", doc.get("reads") + " / " + doc.get("writes"));
        line(text, "near cache", ratio == null ? "no reads yet" : String.format("%.1f %% hits (%d hits, %d misses)",
                100 * ratio, hits, misses));
        line(text, "heap", Output.bytes((long) doc.get("heapUsedBytes")) + " used of "
                + Output.bytes((long) doc.get("heapMaxBytes")));
        root.output().print(doc, text.toString());
    }

    private static void line(StringBuilder text, String label, Object value) {
        text.append(String.format("%-15s %s%n", label, value));
    }

    private static long sum(List<MemberReport> reports, java.util.function.ToLongFunction<MemberReport> figure) {
        return reports.stream().mapToLong(figure).sum();
    }
}
