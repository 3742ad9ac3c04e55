package io.sessiongrid.servlet;

import io.sessiongrid.client.config.Channel;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Adds the session filter to an application without code or web.xml filter entries: the container finds this
 * initializer on the class path, and it registers {@link SessionGridFilter} in front of every path when, and only
 * when, the application declares context-params named {@code io.sessiongrid.<setting>} (for example
 * {@code io.sessiongrid.client.addresses}). Those become the filter's init-params as they are, so that an error
 * names the context-param the application wrote; an application without them is left alone.
 */
public final class SessionGridInitializer implements ServletContainerInitializer {
    private static final Logger LOG = Logger.getLogger(SessionGridInitializer.class.getName());

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) {
        Set<String> names = new java.util.TreeSet<>(Collections.list(context.getInitParameterNames()));
        names.removeIf(n -> !Channel.CONTEXT_PARAM.isOurs(n));
        if (names.isEmpty()) {
            return;
        }
        FilterRegistration.Dynamic filter = context.addFilter("session-grid", SessionGridFilter.class);
        if (filter == null) {
            LOG.info("a filter named session-grid is already registered; the initializer leaves it as it is");
            return;
        }
        for (String name : names) {
            filter.setInitParameter(name, context.getInitParameter(name));
        }
        filter.setAsyncSupported(true);
        // ASYNC: an async dispatch writes before its response completes; ERROR: error pages see the grid session.
        filter.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC,
                DispatcherType.ERROR), false, "/*");
        LOG.info(() -> "session grid filter registered for every path of " + context.getContextPath()
                + " from the " + names.size() + " io.sessiongrid.* context-params");
    }
}
