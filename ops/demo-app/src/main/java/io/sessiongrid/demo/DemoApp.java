package io.sessiongrid.demo;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sessiongrid.client.api.ReadMode;
import io.sessiongrid.client.api.SessionStore;
import io.sessiongrid.client.api.StoreSettings;
import io.sessiongrid.client.hazelcast.ClientSettings;
import io.sessiongrid.client.hazelcast.SessionGrid;
import io.sessiongrid.servlet.SessionFilterSettings;
import io.sessiongrid.servlet.SessionGridFilter;
import jakarta.servlet.DispatcherType;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

import java.util.EnumSet;

/**
 * The demo web application: a servlet whose HttpSession lives in the grid through {@link SessionGridFilter}, in
 * embedded Jetty 12 on 127.0.0.1, connected as a thin client. Run two instances against one grid and alternate
 * between them: the session follows. Closing it stops Jetty and the client; the sessions stay in the grid.
 */
public final class DemoApp implements AutoCloseable {
    private final Server server = new Server();
    private final ServerConnector connector = new ServerConnector(server);
    private final SessionGrid grid;

    public DemoApp(String instanceName, int port, SessionGrid grid) {
        this(instanceName, port, grid, null);
    }

    /** @param peer the other instance's URL, linked from the page; null if unknown */
    public DemoApp(String instanceName, int port, SessionGrid grid, String peer) {
        this.grid = grid;
        MeterRegistry meters = new SimpleMeterRegistry();
        SessionStore store = grid.openStore(StoreSettings.builder().build());
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        // Both paths read an attribute, change it and set it back: concurrent requests on one session would race on
        // that one attribute, so they run one at a time. (Changes to distinct attributes never need the lock.)
        // X-Session: API clients carry the id in a header instead of a cookie (see the page's curl lines).
        context.addFilter(new FilterHolder(new SessionGridFilter(store, SessionFilterSettings.builder()
                .lockedPath("/increment").lockedPath("/cart").header(DemoServlet.HEADER).meterRegistry(meters)
                .build())), "/*",
                EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR));
        context.addServlet(new ServletHolder(new DemoServlet(instanceName, peer, meters)), "/*");
        server.setHandler(context);
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("the demo could not listen on 127.0.0.1:" + port + ": " + e.getMessage(),
                    e);
        }
    }

    public int port() {
        return connector.getLocalPort();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            grid.close();
        }
    }

    /**
     * {@code DemoApp --name A --port 8081 --cluster session-grid --grid 127.0.0.1:5701,127.0.0.1:5702
     * [--peer http://127.0.0.1:8082/]}
     */
    public static void main(String[] args) {
        String name = "demo";
        int port = 8081;
        String peer = null;
        // The demo's store reads VALIDATED (two demo instances share sessions without a sticky balancer).
        ClientSettings.Builder client = ClientSettings.builder().readMode(ReadMode.VALIDATED);
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--name" -> name = args[i + 1];
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--cluster" -> client.clusterName(args[i + 1]);
                case "--grid" -> client.address(args[i + 1].split(","));
                case "--peer" -> peer = args[i + 1];
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + "; use --name, --port, --cluster, --grid, --peer");
            }
        }
        DemoApp demo = new DemoApp(name, port, SessionGrid.client(client.build()), peer);
        Runtime.getRuntime().addShutdownHook(new Thread(demo::close, "demo-shutdown"));
        System.out.println("demo-app " + name + " serving http://127.0.0.1:" + demo.port() + "/");
    }
}
