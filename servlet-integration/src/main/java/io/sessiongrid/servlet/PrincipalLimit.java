package io.sessiongrid.servlet;

import io.sessiongrid.client.api.SessionInfo;
import io.sessiongrid.client.api.SessionKey;
import io.sessiongrid.client.api.SessionStore;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Logger;

/**
 * {@code session.max-per-principal}: when a login takes a principal over the limit, its oldest other sessions end,
 * on every instance. Concurrent logins may exceed it until that principal's next login. Stateless.
 */
final class PrincipalLimit {
    private static final Logger LOG = Logger.getLogger(PrincipalLimit.class.getName());

    private PrincipalLimit() {
    }

    /** The principal's newest sessions stay, {@code kept} among them; the oldest beyond the limit end. */
    static void enforce(SessionStore store, String principal, SessionKey kept, int limit) {
        List<SessionInfo> sessions = new ArrayList<>(store.findByPrincipal(principal));
        sessions.removeIf(s -> s.key().equals(kept));
        sessions.sort(Comparator.comparing(SessionInfo::createdAt).reversed());
        for (SessionInfo old : sessions.subList(Math.min(limit - 1, sessions.size()), sessions.size())) {
            store.invalidate(old.key());
            LOG.info(() -> "session " + old.key().abbreviated() + " of a principal ended: over " + limit
                    + " sessions (session.max-per-principal)");
        }
    }
}
