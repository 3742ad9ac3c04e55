package io.sessiongrid.spring.session;

import io.sessiongrid.client.api.MalformedSessionIdException;
import io.sessiongrid.client.api.SessionId;
import io.sessiongrid.client.api.SessionInfo;
import io.sessiongrid.client.api.SessionKey;
import io.sessiongrid.client.api.SessionStore;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.events.SessionCreatedEvent;
import org.springframework.session.events.SessionDeletedEvent;
import org.springframework.session.events.SessionExpiredEvent;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Spring Session's repository over the grid's store, for applications that run Spring Session's
 * {@code SessionRepositoryFilter}: swapping the backend is this bean. What the store guarantees holds: each save
 * is one delta applied atomically on the session's owner (attributes changed by concurrent requests on other
 * instances are kept), reads come from the near cache as the store's read mode allows, a changed id is dead
 * everywhere at once, the principal index is the grid's, and each expiry is published once across all instances
 * as a {@link SessionExpiredEvent}; creation and deletion publish {@link SessionCreatedEvent} and
 * {@link SessionDeletedEvent} on the instance that did them. A malformed or forged id finds nothing and costs no
 * grid call. Thread safe.
 *
 * <p>Where Spring Session's model differs: sessions are created in the grid when made (so {@link #createSession}
 * makes a grid call); a value changed in place without {@code setAttribute} is not written (as in Spring Session's
 * default save mode); and the grid never lists ids, so {@link #findByIndexNameAndIndexValue} returns read-only
 * views keyed by each session's key, which {@link #deleteById} accepts too. Locked paths belong to the servlet
 * filter.
 */
public final class GridSessionRepository implements FindByIndexNameSessionRepository<GridSpringSession> {
    private final SessionStore store;
    private final ApplicationEventPublisher events;

    /** Listens for expiries at once: one instance of those with a repository on the map hears of each. */
    public GridSessionRepository(SessionStore store, ApplicationEventPublisher events) {
        this.store = Objects.requireNonNull(store, "store");
        this.events = Objects.requireNonNull(events, "events");
        store.addExpiryListener(expired -> events.publishEvent(new SessionExpiredEvent(this,
                new GridSpringSession(store, expired))));
    }

    @Override
    public GridSpringSession createSession() {
        GridSpringSession session = new GridSpringSession(store, store.create());
        events.publishEvent(new SessionCreatedEvent(this, session));
        return session;
    }

    @Override
    public void save(GridSpringSession session) {
        if (!session.hasUnsavedChanges()) {
            return;
        }
        String principal = session.principalToWrite();
        store.apply(session.sessionId(), session.unsavedChanges(principal));
        session.saved(principal);
    }

    @Override
    public GridSpringSession findById(String id) {
        SessionId parsed;
        try {
            parsed = SessionId.parse(id);
        } catch (MalformedSessionIdException notOurs) {
            return null;
        }
        return store.find(parsed).map(s -> new GridSpringSession(store, s)).orElse(null);
    }

    /** Ends the session on every instance; a session's key (from {@link #findByPrincipalName}) works too. */
    @Override
    public void deleteById(String id) {
        GridSpringSession session = findById(id);
        if (session != null) {
            store.invalidate(session.sessionId());
            events.publishEvent(new SessionDeletedEvent(this, session));
        } else if (id != null) {
            try {
                store.invalidate(new SessionKey(id));
            } catch (IllegalArgumentException notAKey) {
                // Neither an id nor a key: there is nothing to end.
            }
        }
    }

    /**
     * The principal index only ({@link #PRINCIPAL_NAME_INDEX_NAME}); other index names find nothing. The map is
     * keyed by session key, and its sessions show names and times but no values.
     */
    @Override
    public Map<String, GridSpringSession> findByIndexNameAndIndexValue(String indexName, String indexValue) {
        Map<String, GridSpringSession> found = new LinkedHashMap<>();
        if (!PRINCIPAL_NAME_INDEX_NAME.equals(indexName) || indexValue == null) {
            return found;
        }
        for (SessionInfo info : store.findByPrincipal(indexValue)) {
            found.put(info.key().value(), GridSpringSession.describing(store, info));
        }
        return found;
    }
}
