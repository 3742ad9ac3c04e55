package io.sessiongrid.servlet.testing;

import jakarta.servlet.http.HttpSessionAttributeListener;
import jakarta.servlet.http.HttpSessionBindingEvent;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionIdListener;
import jakarta.servlet.http.HttpSessionListener;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records every session event one application instance receives. */
public final class CountingListener implements HttpSessionListener, HttpSessionAttributeListener,
        HttpSessionIdListener {
    public final List<String> created = new CopyOnWriteArrayList<>();
    public final List<String> destroyed = new CopyOnWriteArrayList<>();
    public final List<String> attributesAdded = new CopyOnWriteArrayList<>();
    public final List<String> idsChanged = new CopyOnWriteArrayList<>();

    @Override
    public void sessionCreated(HttpSessionEvent se) {
        created.add(se.getSession().getId());
    }

    @Override
    public void sessionDestroyed(HttpSessionEvent se) {
        destroyed.add(se.getSession().getId());
    }

    @Override
    public void attributeAdded(HttpSessionBindingEvent event) {
        attributesAdded.add(event.getSession().getId() + "/" + event.getName());
    }

    @Override
    public void sessionIdChanged(HttpSessionEvent event, String oldSessionId) {
        idsChanged.add(oldSessionId + ">" + event.getSession().getId());
    }
}
