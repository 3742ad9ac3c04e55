package io.sessiongrid.servlet.testing;

import jakarta.servlet.http.HttpSessionBindingEvent;
import jakarta.servlet.http.HttpSessionBindingListener;

import java.io.Serializable;
import java.util.List;

/** A bound value that notes, in its application's {@link SessionTestServlet#UNBOUND} list, when it is unbound. */
public final class UnbindRecorder implements HttpSessionBindingListener, Serializable {
    private final String name;

    public UnbindRecorder(String name) {
        this.name = name;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void valueUnbound(HttpSessionBindingEvent event) {
        ((List<String>) event.getSession().getServletContext().getAttribute(SessionTestServlet.UNBOUND)).add(name);
    }
}
