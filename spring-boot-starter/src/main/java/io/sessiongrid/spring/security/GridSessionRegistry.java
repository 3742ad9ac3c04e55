package io.sessiongrid.spring.security;

import io.sessiongrid.client.api.MalformedSessionIdException;
import io.sessiongrid.client.api.Session;
import io.sessiongrid.client.api.SessionChanges;
import io.sessiongrid.client.api.SessionId;
import io.sessiongrid.client.api.SessionInfo;
import io.sessiongrid.client.api.SessionNotFoundException;
import io.sessiongrid.client.api.SessionStore;
import org.springframework.security.core.session.SessionInformation;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.core.userdetails.UserDetails;

import java.security.Principal;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Spring Security's {@link SessionRegistry} over the grid's principal index, so concurrent-session control holds
 * across every instance: {@code maximumSessions(n)} counts a user's sessions wherever they were made, and the
 * session it ends is marked in the grid, so the instance that next serves it runs the expired-session strategy.
 * Registering a session sets its principal in the grid; a session leaves the registry when it ends, on any
 * instance, with no event to relay. Thread safe.
 *
 * <p>The grid names sessions by key and never lists ids: the sessions {@link #getAllSessions} returns carry
 * their keys as their ids. {@link #getAllPrincipals} is not supported, as the index is looked up by principal,
 * not listed.
 */
public final class GridSessionRegistry implements SessionRegistry {
    /** Set on a session that another login of its user ended; the next request on it is logged out. */
    static final String EXPIRED_ATTRIBUTE = "io.sessiongrid.security.expired";

    private final SessionStore store;

    public GridSessionRegistry(SessionStore store) {
        this.store = store;
    }

    /** Not supported: the grid looks sessions up by principal; it does not list principals. */
    @Override
    public List<Object> getAllPrincipals() {
        throw new UnsupportedOperationException("the session grid finds sessions by principal"
                + " (getAllSessions) but does not list principals");
    }

    @Override
    public List<SessionInformation> getAllSessions(Object principal, boolean includeExpiredSessions) {
        String name = name(principal);
        return store.findByPrincipal(name).stream()
                .map(info -> (SessionInformation) new GridSessionInformation(name, info, store))
                .filter(info -> includeExpiredSessions || !info.isExpired())
                // Spring Security sorts the list it is given.
                .collect(Collectors.toCollection(ArrayList::new));
    }

    @Override
    public SessionInformation getSessionInformation(String sessionId) {
        Optional<Session> session = find(sessionId);
        if (session.isEmpty() || session.get().principal().isEmpty()) {
            return null;
        }
        Session s = session.get();
        SessionInformation info = new SessionInformation(s.principal().get(), sessionId,
                Date.from(s.lastAccessedAt()));
        if (s.attribute(EXPIRED_ATTRIBUTE) != null) {
            info.expireNow();
        }
        return info;
    }

    /** The grid records accesses itself. */
    @Override
    public void refreshLastRequest(String sessionId) {
    }

    @Override
    public void registerNewSession(String sessionId, Object principal) {
        try {
            store.apply(SessionId.parse(sessionId), SessionChanges.builder().principal(name(principal)).build());
        } catch (MalformedSessionIdException | SessionNotFoundException e) {
            throw new IllegalArgumentException("the session to register is not a live session of the grid: the"
                    + " session grid filter must serve this request, ahead of Spring Security's filters", e);
        }
    }

    /** The session leaves the principal index when it ends. */
    @Override
    public void removeSessionInformation(String sessionId) {
    }

    /** Ends every session of a user on every instance, as an administrator does. @return how many ended */
    public int endSessionsOf(String principal) {
        return store.invalidateByPrincipal(principal);
    }

    private Optional<Session> find(String sessionId) {
        try {
            return store.find(SessionId.parse(sessionId));
        } catch (MalformedSessionIdException notOurs) {
            return Optional.empty();
        }
    }

    /** The name the grid indexes, as Spring Session's registry derives it. */
    static String name(Object principal) {
        if (principal instanceof UserDetails user) {
            return user.getUsername();
        }
        if (principal instanceof Principal p) {
            return p.getName();
        }
        return principal.toString();
    }

    /** A session of the index; expiring it marks it in the grid for whichever instance serves it next. */
    private static final class GridSessionInformation extends SessionInformation {
        private final transient SessionStore store;
        private final transient SessionInfo info;

        GridSessionInformation(String principal, SessionInfo info, SessionStore store) {
            super(principal, info.key().value(), Date.from(info.lastAccessedAt()));
            this.store = store;
            this.info = info;
            if (info.attributeNames().contains(EXPIRED_ATTRIBUTE)) {
                super.expireNow();
            }
        }

        @Override
        public void expireNow() {
            super.expireNow();
            try {
                store.apply(info.key(), SessionChanges.builder().set(EXPIRED_ATTRIBUTE, Boolean.TRUE).build());
            } catch (SessionNotFoundException alreadyEnded) {
                // Nothing to mark: it ended on its own.
            }
        }
    }
}
