package io.sessiongrid.servlet.testing;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;

/** One application instance in a real embedded servlet container on 127.0.0.1, on a free port. */
public interface AppServer extends AutoCloseable {
    int port();

    @Override
    void close();

    /** Starts an instance with the filter in front of the servlet, both mapped to every path. */
    interface Container {
        AppServer start(Filter filter, HttpServlet servlet);
    }
}
