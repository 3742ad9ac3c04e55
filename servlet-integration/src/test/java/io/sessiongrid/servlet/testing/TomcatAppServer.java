package io.sessiongrid.servlet.testing;

import jakarta.servlet.Filter;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.http.HttpServlet;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

/** Embedded Tomcat 11 (Servlet 6.1), async enabled. */
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
        setup.accept(context);
        Tomcat.addServlet(context, "app", servlet).setAsyncSupported(true);
        context.addServletMappingDecoded("/*", "app", false);
        try {
            tomcat.start();
        } catch (LifecycleException e) {
            throw new IllegalStateException("Tomcat did not start", e);
        }
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
