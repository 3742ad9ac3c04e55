package io.sessiongrid.gridctl;

import io.sessiongrid.client.hazelcast.MemberReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code gridctl sessions}: how many sessions the map holds and what they cost in memory. */
@Command(name = "sessions", mixinStandardHelpOptions = true,
        description = "Count the sessions of the map and their memory, in total and per member.")
final class SessionsCommand implements Runnable {
    @ParentCommand
    GridCtl root;

    @Override
    public void run() {
        record Seen(List<MemberReport> reports, List<String> maps) {
        }
        Seen seen = root.withGrid(grid -> new Seen(grid.admin().reports(grid.map()), grid.existingMaps()));
        List<MemberReport> reports = seen.reports();
        List<String> maps = seen.maps();
        long sessions = reports.stream().mapToLong(MemberReport::ownedSessions).sum();
        long backups = reports.stream().mapToLong(MemberReport::backupSessions).sum();
        long bytes = reports.stream().mapToLong(MemberReport::ownedBytes).sum();
        long backupBytes = reports.stream().mapToLong(MemberReport::backupBytes).sum();
        long perSession = sessions == 0 ? 0 : bytes / sessions;

        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("map", root.map);
        doc.put("sessions", sessions);
        doc.put("backups", backups);
        doc.put("sessionBytes", bytes);
        doc.put("backupBytes", backupBytes);
        doc.put("bytesPerSession", perSession);
        List<Map<String, Object>> members = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("MEMBER", "SESSIONS", "BACKUPS", "MEMORY"));
        for (MemberReport r : reports) {
            members.add(Map.of("address", r.address(), "sessions", r.ownedSessions(), "backups", r.backupSessions(),
                    "bytes", r.ownedBytes() + r.backupBytes()));
            rows.add(List.of(r.address(), String.valueOf(r.ownedSessions()), String.valueOf(r.backupSessions()),
                    Output.bytes(r.ownedBytes() + r.backupBytes())));
        }
        doc.put("members", members);
        doc.put("maps", maps);
        String text = "map " + root.map + ": " + sessions + " sessions (" + Output.bytes(bytes) + ", about "
                + perSession + " B each), " + backups + " backup copies (" + Output.bytes(backupBytes) + ")\n\n"
                + Output.table(rows);
        if (!maps.contains(root.map)) {
            // A wrong name is the usual reason for 0: say so rather than let an empty grid be believed.
            text += "\nno map named " + root.map + " exists on this grid; its maps: "
                    + (maps.isEmpty() ? "none" : String.join(", ", maps)) + " (choose one with --session-map-name)\n";
        }
        root.output().print(doc, text);
    }
}
