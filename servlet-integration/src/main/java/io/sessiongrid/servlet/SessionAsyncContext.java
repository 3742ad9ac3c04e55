package io.sessiongrid.servlet;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;

/**
 * The async context the application gets: the container's, except that {@link #complete()} first ends the
 * request's session work (writes what changed, releases a held lock), so a response completed without a body is
 * still sent only after the write. A listener does the same when the container completes the cycle itself
 * (timeout, error, or after a dispatch).
 */
final class SessionAsyncContext implements AsyncContext {
    private final AsyncContext container;
    private final GridSessionRequest request;

    SessionAsyncContext(AsyncContext container, GridSessionRequest request) {
        this.container = container;
        this.request = request;
        container.addListener(new EndOnCompletion(request));
    }

    @Override
    public void complete() {
        request.end();
        container.complete();
    }

    @Override
    public ServletRequest getRequest() {
        return container.getRequest();
    }

    @Override
    public ServletResponse getResponse() {
        return container.getResponse();
    }

    @Override
    public boolean hasOriginalRequestAndResponse() {
        return container.hasOriginalRequestAndResponse();
    }

    @Override
    public void dispatch() {
        container.dispatch();
    }

    @Override
    public void dispatch(String path) {
        container.dispatch(path);
    }

    @Override
    public void dispatch(ServletContext context, String path) {
        container.dispatch(context, path);
    }

    @Override
    public void start(Runnable run) {
        container.start(run);
    }

    @Override
    public void addListener(AsyncListener listener) {
        container.addListener(listener);
    }

    @Override
    public void addListener(AsyncListener listener, ServletRequest servletRequest, ServletResponse servletResponse) {
        container.addListener(listener, servletRequest, servletResponse);
    }

    @Override
    public <T extends AsyncListener> T createListener(Class<T> type) throws ServletException {
        return container.createListener(type);
    }

    @Override
    public void setTimeout(long timeout) {
        container.setTimeout(timeout);
    }

    @Override
    public long getTimeout() {
        return container.getTimeout();
    }

    private record EndOnCompletion(GridSessionRequest request) implements AsyncListener {
        @Override
        public void onComplete(AsyncEvent event) {
            request.end();
        }

        @Override
        public void onTimeout(AsyncEvent event) {
        }

        @Override
        public void onError(AsyncEvent event) {
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            // A new cycle gets a new SessionAsyncContext, which registers its own listener.
        }
    }
}
