package io.sessiongrid.servlet.testing;

import jakarta.servlet.Filter;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.http.HttpServlet;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.authenticator.BasicAuthenticator;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.ErrorPage;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.apache.tomcat.util.descriptor.web.LoginConfig;
import org.apache.tomcat.util.descriptor.web.SecurityCollection;
import org.apache.tomcat.util.descriptor.web.SecurityConstraint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Embedded Tomcat 11 (Servlet 6.1), async enabled; BASIC authentication on {@code /secure/*}
 * ({@link TestLogins}); an error page for 500; the filter on REQUEST, ASYNC and ERROR dispatches.
 */
public final class TomcatAppServer implements AppServer {
    private final Tomcat tomcat = new Tomcat();
    private final Connector connector = new Connector();

    private TomcatAppServer(Consumer<Context> setup, HttpServlet servlet) {
        try {
            Path base = Files.createTempDirectory("tomcat");
            base.toFile().deleteOnExit();
            tomcat.setBaseDir(base.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        tomcat.setConnector(connector);
        Context context = tomcat.addContext("", null);
        secure(context);
        ErrorPage errors = new ErrorPage();
        errors.setErrorCode(500);
        errors.setLocation(SessionTestServlet.ERROR_PAGE);
        context.addErrorPage(errors);
        setup.accept(context);
        Tomcat.addServlet(context, "app", servlet).setAsyncSupported(true);
        context.addServletMappingDecoded("/*", "app", false);
        try {
            tomcat.start();
        } catch (LifecycleException e) {
            throw new IllegalStateException("Tomcat did not start", e);
        }
    }

    private static void secure(Context context) {
        context.setRealm(TestLogins.tomcat());
        LoginConfig login = new LoginConfig();
        login.setAuthMethod("BASIC");
        login.setRealmName("test");
        context.setLoginConfig(login);
        context.getPipeline().addValve(new BasicAuthenticator());
        context.addSecurityRole(TestLogins.ROLE);
        SecurityCollection paths = new SecurityCollection();
        paths.addPattern(TestLogins.SECURE_PATHS);
        SecurityConstraint constraint = new SecurityConstraint();
        constraint.addAuthRole(TestLogins.ROLE);
        constraint.addCollection(paths);
        context.addConstraint(constraint);
    }

    public static AppServer start(Filter filter, HttpServlet servlet) {
        return startWithInitParams(filter, Map.of(), servlet);
    }

    /** The filter configures itself from init-params, as when registered by class name in web.xml. */
    public static AppServer startWithInitParams(Filter filter, Map<String, String> initParams, HttpServlet servlet) {
        return new TomcatAppServer(context -> {
            FilterDef def = new FilterDef();
            def.setFilterName("session-grid");
            def.setFilter(filter);
            def.setFilterClass(filter.getClass().getName());
            def.setAsyncSupported("true");
            initParams.forEach(def::addInitParameter);
            context.addFilterDef(def);
            FilterMap map = new FilterMap();
            map.setFilterName("session-grid");
            map.addURLPattern("/*");
            map.setDispatcher("REQUEST");
            map.setDispatcher("ASYNC");
            map.setDispatcher("ERROR");
            context.addFilterMap(map);
        }, servlet);
    }

    /** No filter of the test's: a ServletContainerInitializer and context-params decide. */
    public static AppServer startWithInitializer(ServletContainerInitializer initializer,
                                                 Map<String, String> contextParams, HttpServlet servlet) {
        return new TomcatAppServer(context -> {
            contextParams.forEach(context::addParameter);
            context.addServletContainerInitializer(initializer, null);
        }, servlet);
    }

    @Override
    public int port() {
        return connector.getLocalPort();
    }

    @Override
    public void close() {
        try {
            tomcat.stop();
            tomcat.destroy();
        } catch (LifecycleException e) {
            throw new IllegalStateException(e);
        }
    }
}
