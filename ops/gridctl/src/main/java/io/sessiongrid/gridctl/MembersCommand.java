package io.sessiongrid.gridctl;

import io.sessiongrid.client.hazelcast.MemberReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code gridctl members}: every member, its state and what it holds. */
@Command(name = "members", mixinStandardHelpOptions = true,
        description = "List the members: address, state, sessions and backups held, memory.")
final class MembersCommand implements Runnable {
    @ParentCommand
    GridCtl root;

    @Override
    public void run() {
        List<MemberReport> reports = root.withGrid(grid -> grid.admin().reports(grid.map()));
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("ADDRESS", "UUID", "VERSION", "STATE", "SESSIONS", "BACKUPS", "SESSION MEMORY", "HEAP",
                "PERSISTENCE"));
        List<Map<String, Object>> members = new ArrayList<>();
        for (MemberReport r : reports) {
            rows.add(List.of(r.address(), r.uuid(), r.version(), state(r), String.valueOf(r.ownedSessions()),
                    String.valueOf(r.backupSessions()), Output.bytes(r.ownedBytes() + r.backupBytes()),
                    Output.bytes(r.heapUsedBytes()) + " / " + Output.bytes(r.heapMaxBytes()), r.persistence()));
            members.add(document(r));
        }
        root.output().print(Map.of("members", members), Output.table(rows));
    }

    static String state(MemberReport r) {
        return r.shuttingDown() ? "leaving" : r.partitionsSafe() ? "safe" : "migrating";
    }

    static Map<String, Object> document(MemberReport r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("address", r.address());
        m.put("uuid", r.uuid());
        m.put("version", r.version());
        m.put("state", state(r));
        m.put("partitionsSafe", r.partitionsSafe());
        m.put("sessions", r.ownedSessions());
        m.put("backups", r.backupSessions());
        m.put("sessionBytes", r.ownedBytes());
        m.put("backupBytes", r.backupBytes());
        m.put("reads", r.reads());
        m.put("writes", r.writes());
        m.put("nearCacheHits", r.nearCacheHits());
        m.put("nearCacheMisses", r.nearCacheMisses());
        m.put("heapUsedBytes", r.heapUsedBytes());
        m.put("heapMaxBytes", r.heapMaxBytes());
        m.put("persistence", r.persistence());
        return m;
    }
}
