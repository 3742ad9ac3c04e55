package io.sessiongrid.servlet;

import io.sessiongrid.client.api.Session;
import io.sessiongrid.client.api.SessionChanges;
import io.sessiongrid.client.api.SessionId;
import io.sessiongrid.client.api.SessionStore;
import io.sessiongrid.client.api.StoredValues;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionBindingListener;

import java.io.Serializable;
import java.time.Duration;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The HttpSession of one request: the snapshot loaded once, plus what this request changed. Nothing reaches the
 * grid until {@link #drainChanges()}; then only what changed goes: attributes set or removed, and (unless the save
 * mode is on-set-attribute) attributes read that no longer match what is stored (changed in place without
 * setAttribute; see {@link StoredValues#isStoredAs}). Thread safe
 * (a request may hand its session to other threads); one instance serves one request.
 */
final class GridHttpSession implements HttpSession {
    private static final String PRINCIPAL_ATTRIBUTE = SessionGridFilter.PRINCIPAL_ATTRIBUTE;
    private static final String RESERVED_PREFIX = SessionGridFilter.RESERVED_PREFIX;

    private final ServletContext context;
    private final SessionStore store;
    private final SessionListeners listeners;
    private final Session snapshot;
    /** What the grid holds as far as this request knows: the snapshot plus what it has written since. */
    private StoredValues baseline;
    private final boolean isNew;
    private final boolean detectsInPlaceChanges;
    private SessionId id;
    private final Map<String, Object> written = new LinkedHashMap<>();
    private final Set<String> removed = new LinkedHashSet<>();
    private final Map<String, Object> read = new HashMap<>();
    private Duration maxInactive;
    private boolean principalChanged;
    private String principal;
    /** The principal the grid holds as far as this request knows. */
    private String storedPrincipal;
    private boolean invalid;

    /**
     * @param detectsInPlaceChanges whether values read are checked for changes made in place at the end of the
     *                              request ({@code session.save-mode=on-change}) or only values set are written
     */
    GridHttpSession(ServletContext context, SessionStore store, SessionListeners listeners, Session snapshot,
                           boolean isNew, boolean detectsInPlaceChanges) {
        this.context = context;
        this.detectsInPlaceChanges = detectsInPlaceChanges;
        this.store = store;
        this.listeners = listeners;
        this.snapshot = snapshot;
        this.baseline = snapshot.storedValues();
        this.isNew = isNew;
        this.id = snapshot.id();
        this.storedPrincipal = snapshot.principal().orElse(null);
    }

    synchronized SessionId sessionId() {
        return id;
    }

    /** After {@code changeSessionId}: the same session under its new id. */
    synchronized void movedTo(SessionId newId) {
        this.id = newId;
    }

    /** The principal as this request left it. */
    synchronized String principal() {
        return principalChanged ? principal : storedPrincipal;
    }

    /**
     * Whether this request attaches a principal the session did not have (a login): the id must change before
     * that is written.
     */
    synchronized boolean isGainingPrincipal() {
        return principalChanged && principal != null && !principal.equals(storedPrincipal);
    }

    synchronized boolean isInvalid() {
        return invalid;
    }

    /** What this request changed since the last drain, as one delta; empty if nothing. */
    synchronized SessionChanges drainChanges() {
        SessionChanges.Builder changes = SessionChanges.builder();
        written.forEach(changes::set);
        removed.forEach(changes::remove);
        read.forEach((name, value) -> {
            if (detectsInPlaceChanges && !written.containsKey(name) && !removed.contains(name)
                    && baseline.canChangeInPlace(value) && !baseline.isStoredAs(name, value)) {
                changes.set(name, value);
            }
        });
        if (maxInactive != null) {
            changes.maxInactiveInterval(maxInactive);
        }
        if (principalChanged) {
            changes.principal(principal);
        }
        written.forEach(read::put);
        written.clear();
        removed.forEach(read::remove);
        removed.clear();
        maxInactive = null;
        principalChanged = false;
        return changes.build();
    }

    /**
     * The changes of the last drain reached the grid: values written stop counting as changed in place, so a
     * later drain of this request (at commit, after the chain) does not send them again.
     */
    synchronized void written(SessionChanges changes) {
        if (changes.principalChanged()) {
            storedPrincipal = changes.principal().orElse(null);
        }
        if (detectsInPlaceChanges) {
            baseline = baseline.withWritten(changes);
        }
    }

    @Override
    public long getCreationTime() {
        synchronized (this) {
            checkValid("getCreationTime");
        }
        return snapshot.createdAt().toEpochMilli();
    }

    @Override
    public synchronized String getId() {
        return id.value();
    }

    @Override
    public long getLastAccessedTime() {
        synchronized (this) {
            checkValid("getLastAccessedTime");
        }
        return snapshot.lastAccessedAt().toEpochMilli();
    }

    @Override
    public ServletContext getServletContext() {
        return context;
    }

    @Override
    public synchronized void setMaxInactiveInterval(int seconds) {
        maxInactive = seconds <= 0 ? Duration.ZERO : Duration.ofSeconds(seconds);
    }

    /** Seconds; -1 when the session never times out. */
    @Override
    public synchronized int getMaxInactiveInterval() {
        Duration d = maxInactive != null ? maxInactive : snapshot.maxInactiveInterval();
        return d.isZero() ? -1 : (int) Math.min(Integer.MAX_VALUE, d.toSeconds());
    }

    @Override
    public synchronized Object getAttribute(String name) {
        checkValid("getAttribute");
        return currentValue(name);
    }

    @Override
    public synchronized Enumeration<String> getAttributeNames() {
        checkValid("getAttributeNames");
        return Collections.enumeration(currentNames());
    }

    @Override
    public void setAttribute(String name, Object value) {
        if (name == null) {
            throw new IllegalArgumentException("attribute name must not be null");
        }
        if (value == null) {
            removeAttribute(name);
            return;
        }
        if (PRINCIPAL_ATTRIBUTE.equals(name)) {
            synchronized (this) {
                checkValid("setAttribute");
                principalChanged = true;
                principal = value.toString();
            }
            return;
        }
        if (!(value instanceof Serializable)) {
            throw new IllegalArgumentException("attribute \"" + name + "\" holds a " + value.getClass().getName()
                    + ", which is not java.io.Serializable; a grid session stores only serializable values");
        }
        Object old;
        synchronized (this) {
            checkValid("setAttribute");
            old = currentValue(name);
            written.put(name, value);
            removed.remove(name);
        }
        if (value != old) {
            listeners.bound(this, name, value);
        }
        if (old != null && old != value) {
            listeners.unbound(this, name, old);
        }
        if (old == null) {
            listeners.attributeAdded(this, name, value);
        } else {
            listeners.attributeReplaced(this, name, old);
        }
    }

    @Override
    public void removeAttribute(String name) {
        Object old;
        synchronized (this) {
            checkValid("removeAttribute");
            if (PRINCIPAL_ATTRIBUTE.equals(name)) {
                principalChanged = true;
                principal = null;
                return;
            }
            old = currentValue(name);
            if (old == null) {
                return;
            }
            written.remove(name);
            read.remove(name);
            removed.add(name);
        }
        listeners.unbound(this, name, old);
        listeners.attributeRemoved(this, name, old);
    }

    /**
     * Tells the session listeners (the session is still readable), ends the session in the grid at once (on every
     * instance), then unbinds bound values.
     */
    @Override
    public void invalidate() {
        synchronized (this) {
            checkValid("invalidate");
        }
        listeners.destroyed(this);
        Map<String, Object> bound;
        SessionId ended;
        synchronized (this) {
            checkValid("invalidate");
            bound = boundValues();
            invalid = true;
            ended = id;
        }
        store.invalidate(ended);
        bound.forEach((name, value) -> listeners.unbound(this, name, value));
    }

    /**
     * This session (an expired snapshot) ended by expiry in the grid: the session listeners are told (the values
     * are still readable), then bound values are unbound, as a container's own session does on expiry.
     */
    void expired() {
        listeners.destroyed(this);
        Map<String, Object> bound;
        synchronized (this) {
            bound = boundValues();
            invalid = true;
        }
        bound.forEach((name, value) -> listeners.unbound(this, name, value));
    }

    private Map<String, Object> boundValues() {
        Map<String, Object> bound = new LinkedHashMap<>();
        for (String name : currentNames()) {
            try {
                if (currentValue(name) instanceof HttpSessionBindingListener listener) {
                    bound.put(name, listener);
                }
            } catch (RuntimeException undecodable) {
                // a value that cannot be decoded cannot be a listener to notify
            }
        }
        return bound;
    }

    @Override
    public synchronized boolean isNew() {
        checkValid("isNew");
        return isNew;
    }

    private Object currentValue(String name) {
        if (PRINCIPAL_ATTRIBUTE.equals(name)) {
            return principalChanged ? principal : storedPrincipal;
        }
        if (removed.contains(name)) {
            return null;
        }
        if (written.containsKey(name)) {
            return written.get(name);
        }
        if (read.containsKey(name)) {
            return read.get(name);
        }
        Object value = snapshot.attribute(name);
        if (value != null && detectsInPlaceChanges && baseline.canChangeInPlace(value)) {
            read.put(name, value);
        }
        return value;
    }

    private Set<String> currentNames() {
        Set<String> names = new LinkedHashSet<>(snapshot.attributeNames());
        names.addAll(written.keySet());
        names.removeAll(removed);
        names.removeIf(n -> n.startsWith(RESERVED_PREFIX));
        return names;
    }

    private void checkValid(String method) {
        if (invalid) {
            throw new IllegalStateException(method + ": the session was invalidated");
        }
    }
}
