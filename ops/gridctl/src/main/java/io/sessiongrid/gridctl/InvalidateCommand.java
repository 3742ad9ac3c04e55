package io.sessiongrid.gridctl;

import io.sessiongrid.client.api.SessionKey;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code gridctl invalidate}: ends sessions now, as the application's logout would. */
@Command(name = "invalidate", mixinStandardHelpOptions = true,
        description = "End a session (by id or key) or every session of a principal, at once and cluster-wide.")
final class InvalidateCommand implements Runnable {
    @ParentCommand
    GridCtl root;

    @ArgGroup(multiplicity = "1")
    SessionSelector selector;

    @Override
    public void run() {
        SessionKey key = selector.sessionKey();
        int ended = root.withGrid(grid -> key != null
                ? (grid.store().invalidate(key) ? 1 : 0)
                : grid.store().invalidateByPrincipal(selector.principal));
        if (ended == 0) {
            throw new GridCtl.NothingFoundException("no live session for " + selector.describe() + " in map "
                    + root.map + "; nothing invalidated");
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("invalidated", ended);
        root.output().print(doc, "invalidated " + ended + " session" + (ended == 1 ? "" : "s"));
    }
}
