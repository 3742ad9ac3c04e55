package io.sessiongrid.spring.session;

import io.sessiongrid.client.api.SessionChanges;
import io.sessiongrid.client.api.SessionId;
import io.sessiongrid.client.api.SessionStore;
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
 * or removed since, which {@link GridSessionRepository#save} writes as one delta on the owner (so distinct
 * attributes changed by concurrent requests are all kept). As in Spring Session's default save mode, a value
 * changed in place without {@link #setAttribute} is not written. Changing the id is one atomic step on the grid,
 * done at once. Not thread safe, as Spring Session's own sessions are not.
 */
public final class GridSpringSession implements Session {
    private final SessionStore store;
    private final io.sessiongrid.client.api.Session snapshot;
    private SessionId id;
    /** Values set since the snapshot, saved or not; removed names are mapped to null. */
    private final Map<String, Object> changed = new HashMap<>();
    private final Set<String> unsaved = new LinkedHashSet<>();
    private Duration maxInactive;
    private boolean maxInactiveUnsaved;
    private boolean accessed;
    private Instant lastAccessed;
    private String principal;

    GridSpringSession(SessionStore store, io.sessiongrid.client.api.Session snapshot) {
        this.store = store;
        this.snapshot = snapshot;
        this.id = snapshot.id();
        this.lastAccessed = snapshot.lastAccessedAt();
        this.principal = snapshot.principal().orElse(null);
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

    /** The old id is dead on every instance when this returns; changes not saved yet are kept for the new one. */
    @Override
    public String changeSessionId() {
        id = store.changeId(id);
        return id.value();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T getAttribute(String name) {
        if (changed.containsKey(name)) {
            return (T) changed.get(name);
        }
        return (T) snapshot.attribute(name);
    }

    @Override
    public Set<String> getAttributeNames() {
        Set<String> names = new HashSet<>(snapshot.attributeNames());
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
        return snapshot.createdAt();
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
        return maxInactive != null ? maxInactive : snapshot.maxInactiveInterval();
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

    boolean changed(String name) {
        return unsaved.contains(name);
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

    /** The principal the grid holds as far as this session knows. */
    String principal() {
        return principal;
    }
}
