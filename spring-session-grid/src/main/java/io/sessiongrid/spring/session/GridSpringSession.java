package io.sessiongrid.spring.session;

import io.sessiongrid.client.api.SessionChanges;
import io.sessiongrid.client.api.SessionId;
import io.sessiongrid.client.api.SessionStore;
import org.springframework.session.DelegatingIndexResolver;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.IndexResolver;
import org.springframework.session.PrincipalNameIndexResolver;
import org.springframework.session.Session;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * One request's view of a grid session in Spring Session's model: the snapshot read once, plus the attributes set
 * or removed since, which the repository's save writes as one delta on the owner (so distinct attributes changed by
 * concurrent requests are all kept). As in Spring Session's default save mode, a value changed in place without
 * {@link #setAttribute} is not written. Changing the id is one atomic step on the grid: done at once for
 * {@link GridSessionRepository}; for {@link ReactiveGridSessionRepository}, whose sessions never block, the new id
 * is chosen at once and the move is made by the next save, as Spring Session's reactive stores do. A reactive
 * repository's new session exists only here until its first save. Not thread safe, as Spring Session's own
 * sessions are not.
 */
public final class GridSpringSession implements Session {
    /** Finds the principal a save writes to the grid's index, as Spring Session's repositories do. */
    private static final IndexResolver<Session> INDEXES = new DelegatingIndexResolver<>(
            new PrincipalNameIndexResolver<>());

    private final SessionStore store;
    /** Null for a session not stored yet. */
    private final io.sessiongrid.client.api.Session snapshot;
    private final boolean deferIdChange;
    private final Instant createdAt;
    private final Duration defaultMaxInactive;
    private boolean stored;
    private SessionId id;
    /** The id the session is stored under while a deferred id change waits for the next save; else null. */
    private SessionId storedId;
    /** Values set since the snapshot, saved or not; removed names are mapped to null. */
    private final Map<String, Object> changed = new HashMap<>();
    private final Set<String> unsaved = new LinkedHashSet<>();
    private Duration maxInactive;
    private boolean maxInactiveUnsaved;
    private boolean accessed;
    private Instant lastAccessed;
    private String principal;

    GridSpringSession(SessionStore store, io.sessiongrid.client.api.Session snapshot) {
        this(store, snapshot, false);
    }

    private GridSpringSession(SessionStore store, io.sessiongrid.client.api.Session snapshot, boolean deferIdChange) {
        this.store = store;
        this.snapshot = snapshot;
        this.deferIdChange = deferIdChange;
        this.stored = true;
        this.id = snapshot.id();
        this.createdAt = snapshot.createdAt();
        this.defaultMaxInactive = snapshot.maxInactiveInterval();
        this.lastAccessed = snapshot.lastAccessedAt();
        this.principal = snapshot.principal().orElse(null);
    }

    private GridSpringSession(SessionStore store, SessionId id, Duration defaultMaxInactive) {
        this.store = store;
        this.snapshot = null;
        this.deferIdChange = true;
        this.stored = false;
        this.id = id;
        this.createdAt = Instant.now();
        this.defaultMaxInactive = defaultMaxInactive;
        this.lastAccessed = createdAt;
    }

    /** A stored session as a reactive repository hands it out: its id changes at the next save. */
    static GridSpringSession reactive(SessionStore store, io.sessiongrid.client.api.Session snapshot) {
        return new GridSpringSession(store, snapshot, true);
    }

    /** A reactive repository's new session: nothing is stored until its first save. */
    static GridSpringSession unsaved(SessionStore store, Duration defaultMaxInactive) {
        return new GridSpringSession(store, store.async().newId(), defaultMaxInactive);
    }

    /** A read-only view of a session the principal index found. */
    static GridSpringSession describing(SessionStore store, io.sessiongrid.client.api.SessionInfo info) {
        return new GridSpringSession(store, new IndexedSession(info));
    }

    @Override
    public String getId() {
        return id.value();
    }

    SessionId sessionId() {
        return id;
    }

    /**
     * For {@link GridSessionRepository}: the old id is dead on every instance when this returns; changes not saved
     * yet are kept for the new one. For {@link ReactiveGridSessionRepository}: the new id is chosen, and the old one
     * dies when the save that follows completes.
     */
    @Override
    public String changeSessionId() {
        if (!deferIdChange) {
            id = store.changeId(id);
        } else {
            if (stored && storedId == null) {
                storedId = id;
            }
            id = store.async().newId();
        }
        return id.value();
    }

    /** The id the grid holds the session under now: the old one while a deferred id change waits. */
    SessionId storedId() {
        return storedId != null ? storedId : id;
    }

    boolean isStored() {
        return stored;
    }

    boolean idChangePending() {
        return storedId != null;
    }

    /** The first save created the session in the grid, or a pending id change was made. */
    void nowStoredUnderItsId() {
        stored = true;
        storedId = null;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T getAttribute(String name) {
        if (changed.containsKey(name) || snapshot == null) {
            return (T) changed.get(name);
        }
        return (T) snapshot.attribute(name);
    }

    @Override
    public Set<String> getAttributeNames() {
        Set<String> names = snapshot == null ? new HashSet<>() : new HashSet<>(snapshot.attributeNames());
        changed.forEach((name, value) -> {
            if (value == null) {
                names.remove(name);
            } else {
                names.add(name);
            }
        });
        return names;
    }

    @Override
    public void setAttribute(String name, Object value) {
        changed.put(name, value);
        unsaved.add(name);
    }

    @Override
    public void removeAttribute(String name) {
        setAttribute(name, null);
    }

    @Override
    public Instant getCreationTime() {
        return createdAt;
    }

    /** Spring Session's filter calls this on every request: the save records an access on the owner. */
    @Override
    public void setLastAccessedTime(Instant time) {
        lastAccessed = time;
        accessed = true;
    }

    @Override
    public Instant getLastAccessedTime() {
        return lastAccessed;
    }

    @Override
    public void setMaxInactiveInterval(Duration interval) {
        maxInactive = interval;
        maxInactiveUnsaved = true;
    }

    @Override
    public Duration getMaxInactiveInterval() {
        return maxInactive != null ? maxInactive : defaultMaxInactive;
    }

    /** The grid never hands out an expired session; a snapshot kept past its end reports it. */
    @Override
    public boolean isExpired() {
        Duration limit = getMaxInactiveInterval();
        return !limit.isZero() && !limit.isNegative() && lastAccessed.plus(limit).isBefore(Instant.now());
    }

    boolean hasUnsavedChanges() {
        return !unsaved.isEmpty() || maxInactiveUnsaved || accessed;
    }

    /**
     * Whether a save has more to write than the access itself: a reactive repository leaves that to the read, which
     * already counted as an access on the owner, so a request that changes nothing writes nothing.
     */
    boolean hasChangesBeyondAccess() {
        return !unsaved.isEmpty() || maxInactiveUnsaved || !stored || storedId != null;
    }

    /** The principal a save must write to the grid's index, or null if it is unchanged. */
    String principalToWrite() {
        String index = FindByIndexNameSessionRepository.PRINCIPAL_NAME_INDEX_NAME;
        if (unsaved.contains(index) || unsaved.contains("SPRING_SECURITY_CONTEXT")) {
            String resolved = INDEXES.resolveIndexesFor(this).get(index);
            if (resolved != null && !resolved.equals(principal)) {
                return resolved;
            }
        }
        return null;
    }

    /** What a save writes; {@code principal} is set when the index resolves a new one. */
    SessionChanges unsavedChanges(String principal) {
        SessionChanges.Builder b = SessionChanges.builder();
        for (String name : unsaved) {
            Object value = changed.get(name);
            if (value == null) {
                b.remove(name);
            } else {
                b.set(name, value);
            }
        }
        if (maxInactiveUnsaved) {
            b.maxInactiveInterval(maxInactive);
        }
        if (accessed) {
            b.accessed();
        }
        if (principal != null) {
            b.principal(principal);
        }
        return b.build();
    }

    void saved(String principalWritten) {
        if (principalWritten != null) {
            principal = principalWritten;
        }
        unsaved.clear();
        maxInactiveUnsaved = false;
        accessed = false;
    }

}
