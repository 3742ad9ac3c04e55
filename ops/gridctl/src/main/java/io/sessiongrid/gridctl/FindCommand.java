package io.sessiongrid.gridctl;

import io.sessiongrid.client.api.SessionInfo;
import io.sessiongrid.client.api.SessionKey;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** {@code gridctl find}: what an operator may see of sessions (never their values); reading does not touch them. */
@Command(name = "find", mixinStandardHelpOptions = true,
        description = "Show sessions by id, key or principal: times, attribute names, size. Values are never shown,"
                + " and looking does not extend a session's life.")
final class FindCommand implements Runnable {
    @ParentCommand
    GridCtl root;

    @ArgGroup(multiplicity = "1")
    SessionSelector selector;

    @Override
    public void run() {
        SessionKey key = selector.sessionKey();
        List<SessionInfo> found = root.withGrid(grid -> key != null
                ? grid.store().describe(key).map(List::of).orElse(List.of())
                : grid.store().findByPrincipal(selector.principal));
        if (found.isEmpty()) {
            throw new GridCtl.NothingFoundException("no live session for " + selector.describe() + " in map "
                    + root.map);
        }
        List<Map<String, Object>> sessions = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (SessionInfo info : found) {
            sessions.add(document(info));
            text.append("session ").append(info.key()).append('\n')
                    .append("  principal      ").append(info.principal().orElse("(none)")).append('\n')
                    .append("  created        ").append(info.createdAt()).append('\n')
                    .append("  last access    ").append(info.lastAccessedAt()).append('\n')
                    .append("  idle timeout   ").append(idle(info.maxInactiveInterval())).append('\n')
                    .append("  expires        ").append(info.expiresAt().map(Object::toString).orElse("never"))
                    .append('\n')
                    .append("  attributes     ").append(String.join(", ", new TreeSet<>(info.attributeNames())))
                    .append('\n')
                    .append("  size           ").append(info.storedBytes()).append(" B, version ")
                    .append(info.version()).append('\n');
        }
        root.output().print(Map.of("sessions", sessions), text.toString());
    }

    private static String idle(Duration d) {
        return d.isZero() || d.isNegative() ? "none" : d.toSeconds() + " s";
    }

    private static Map<String, Object> document(SessionInfo info) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key", info.key().value());
        m.put("principal", info.principal().orElse(null));
        m.put("createdAt", info.createdAt().toString());
        m.put("lastAccessedAt", info.lastAccessedAt().toString());
        m.put("maxInactiveSeconds", info.maxInactiveInterval().toSeconds());
        m.put("expiresAt", info.expiresAt().map(Object::toString).orElse(null));
        m.put("attributeNames", new TreeSet<>(info.attributeNames()));
        m.put("storedBytes", info.storedBytes());
        m.put("version", info.version());
        return m;
    }
}
