package io.sessiongrid.servlet;

import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionAttributeListener;
import jakarta.servlet.http.HttpSessionBindingEvent;
import jakarta.servlet.http.HttpSessionBindingListener;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionIdListener;
import jakarta.servlet.http.HttpSessionListener;

import java.util.EventListener;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The application's session listeners, registered with the filter (a container's own listener registry belongs
 * to its own session manager, which the filter replaces). Events fire on the instance where the change happens:
 * created and attribute events on the instance serving the request, destroyed on the one that invalidates, or, on
 * expiry, on exactly one instance of the cluster. Values that are {@link HttpSessionBindingListener}s are told when
 * bound and unbound, on expiry too. A listener that throws is logged and does not stop the others. Thread safe.
 */
final class SessionListeners {
    private static final Logger LOG = Logger.getLogger(SessionListeners.class.getName());

    private final List<HttpSessionListener> lifecycle;
    private final List<HttpSessionAttributeListener> attributes;
    private final List<HttpSessionIdListener> ids;
    private final Runnable onFirstBinding;
    private final AtomicBoolean bindingSeen = new AtomicBoolean();

    SessionListeners(List<? extends EventListener> listeners) {
        this(listeners, () -> { });
    }

    /**
     * @param onFirstBinding run once, when the first {@link HttpSessionBindingListener} value is bound here (so that
     *                       this instance starts hearing of expiry, to unbind such values then)
     */
    SessionListeners(List<? extends EventListener> listeners, Runnable onFirstBinding) {
        this.onFirstBinding = onFirstBinding;
        this.lifecycle = listeners.stream().filter(HttpSessionListener.class::isInstance)
                .map(HttpSessionListener.class::cast).toList();
        this.attributes = listeners.stream().filter(HttpSessionAttributeListener.class::isInstance)
                .map(HttpSessionAttributeListener.class::cast).toList();
        this.ids = listeners.stream().filter(HttpSessionIdListener.class::isInstance)
                .map(HttpSessionIdListener.class::cast).toList();
    }

    boolean hasLifecycleListeners() {
        return !lifecycle.isEmpty();
    }

    void created(HttpSession session) {
        HttpSessionEvent event = new HttpSessionEvent(session);
        lifecycle.forEach(l -> safely("sessionCreated", () -> l.sessionCreated(event)));
    }

    void destroyed(HttpSession session) {
        HttpSessionEvent event = new HttpSessionEvent(session);
        lifecycle.forEach(l -> safely("sessionDestroyed", () -> l.sessionDestroyed(event)));
    }

    void attributeAdded(HttpSession session, String name, Object value) {
        HttpSessionBindingEvent event = new HttpSessionBindingEvent(session, name, value);
        attributes.forEach(l -> safely("attributeAdded", () -> l.attributeAdded(event)));
    }

    void attributeReplaced(HttpSession session, String name, Object oldValue) {
        HttpSessionBindingEvent event = new HttpSessionBindingEvent(session, name, oldValue);
        attributes.forEach(l -> safely("attributeReplaced", () -> l.attributeReplaced(event)));
    }

    void attributeRemoved(HttpSession session, String name, Object oldValue) {
        HttpSessionBindingEvent event = new HttpSessionBindingEvent(session, name, oldValue);
        attributes.forEach(l -> safely("attributeRemoved", () -> l.attributeRemoved(event)));
    }

    /** Tells a value that it was bound, if it listens for that. */
    void bound(HttpSession session, String name, Object value) {
        if (value instanceof HttpSessionBindingListener listener) {
            if (bindingSeen.compareAndSet(false, true)) {
                safely("watching expiry for bound values", onFirstBinding);
            }
            safely("valueBound", () -> listener.valueBound(new HttpSessionBindingEvent(session, name, value)));
        }
    }

    /** Tells a value that it was unbound (replaced, removed, invalidated or expired), if it listens for that. */
    void unbound(HttpSession session, String name, Object value) {
        if (value instanceof HttpSessionBindingListener listener) {
            safely("valueUnbound", () -> listener.valueUnbound(new HttpSessionBindingEvent(session, name, value)));
        }
    }

    void idChanged(HttpSession session, String oldId) {
        HttpSessionEvent event = new HttpSessionEvent(session);
        ids.forEach(l -> safely("sessionIdChanged", () -> l.sessionIdChanged(event, oldId)));
    }

    private static void safely(String what, Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "a session listener failed in " + what + "; the others still run", e);
        }
    }
}
