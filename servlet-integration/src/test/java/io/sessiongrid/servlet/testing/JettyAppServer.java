package io.sessiongrid.servlet.testing;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.http.HttpServlet;
import org.eclipse.jetty.ee10.servlet.ErrorPageErrorHandler;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.ee10.servlet.security.ConstraintMapping;
import org.eclipse.jetty.ee10.servlet.security.ConstraintSecurityHandler;
import org.eclipse.jetty.security.Constraint;
import org.eclipse.jetty.security.authentication.BasicAuthenticator;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

import java.util.EnumSet;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Embedded Jetty 12, ee10 (Servlet 6.0), async enabled; BASIC authentication on {@code /secure/*}
 * ({@link TestLogins}); an error page for 500; the filter on REQUEST, ASYNC and ERROR dispatches.
 */
public final class JettyAppServer implements AppServer {
    private final Server server = new Server();
    private final ServerConnector connector = new ServerConnector(server);

    private JettyAppServer(Consumer<ServletContextHandler> setup, HttpServlet servlet) {
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.setSecurityHandler(security());
        ErrorPageErrorHandler errors = new ErrorPageErrorHandler();
        errors.addErrorPage(500, SessionTestServlet.ERROR_PAGE);
        context.setErrorHandler(errors);
        setup.accept(context);
        ServletHolder holder = new ServletHolder(servlet);
        holder.setAsyncSupported(true);
        context.addServlet(holder, "/*");
        server.setHandler(context);
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("Jetty did not start", e);
        }
    }

    private static ConstraintSecurityHandler security() {
        ConstraintSecurityHandler security = new ConstraintSecurityHandler();
        security.setLoginService(TestLogins.jetty());
        security.setAuthenticator(new BasicAuthenticator());
        ConstraintMapping secure = new ConstraintMapping();
        secure.setPathSpec(TestLogins.SECURE_PATHS);
        secure.setConstraint(Constraint.from(TestLogins.ROLE));
        security.addConstraintMapping(secure);
        return security;
    }

    public static AppServer start(Filter filter, HttpServlet servlet) {
        return startWithInitParams(filter, Map.of(), servlet);
    }

    /** The filter configures itself from init-params, as when registered by class name in web.xml. */
    public static AppServer startWithInitParams(Filter filter, Map<String, String> initParams, HttpServlet servlet) {
        return startWithInitParams(filter, initParams, Map.of(), servlet);
    }

    /** As above, with ServletContext attributes set before the filter starts. */
    public static AppServer startWithInitParams(Filter filter, Map<String, String> initParams,
                                                Map<String, Object> contextAttributes, HttpServlet servlet) {
        return new JettyAppServer(context -> {
            contextAttributes.forEach(context::setAttribute);
            FilterHolder holder = new FilterHolder(filter);
            holder.setInitParameters(initParams);
            holder.setAsyncSupported(true);
            context.addFilter(holder, "/*", EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC,
                    DispatcherType.ERROR));
        }, servlet);
    }

    /** No filter of the test's: a ServletContainerInitializer and context-params decide. */
    public static AppServer startWithInitializer(ServletContainerInitializer initializer,
                                                 Map<String, String> contextParams, HttpServlet servlet) {
        return new JettyAppServer(context -> {
            contextParams.forEach(context::setInitParameter);
            context.addServletContainerInitializer(initializer);
        }, servlet);
    }

    @Override
    public int port() {
        return connector.getLocalPort();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
