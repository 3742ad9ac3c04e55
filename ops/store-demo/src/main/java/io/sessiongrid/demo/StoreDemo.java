package io.sessiongrid.demo;

import com.sun.net.httpserver.HttpServer;
import io.sessiongrid.client.api.SessionStore;
import io.sessiongrid.client.api.StoreSettings;
import io.sessiongrid.client.hazelcast.ClientSettings;
import io.sessiongrid.client.hazelcast.SessionGrid;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;

/**
 * A small web application whose sessions live in the grid, reached as a thin client. Run two instances against
 * one grid and alternate between them: the session follows. Uses only the store API and the JDK's HTTP server.
 * Closing it stops the server and the client; the sessions stay in the grid.
 */
public final class StoreDemo implements AutoCloseable {
    private final HttpServer server;
    private final SessionGrid grid;

    public StoreDemo(String instanceName, int port, SessionGrid grid, StoreSettings settings) {
        this.grid = grid;
        SessionStore store = grid.openStore(settings);
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
        server.createContext("/", new DemoHandler(instanceName, store));
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        grid.close();
    }

    /** {@code StoreDemo --name A --port 8081 --cluster session-grid --grid 127.0.0.1:5701,127.0.0.1:5702} */
    public static void main(String[] args) {
        String name = "demo";
        int port = 8081;
        ClientSettings.Builder client = ClientSettings.builder();
        boolean addressGiven = false;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--name" -> name = args[i + 1];
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--cluster" -> client.clusterName(args[i + 1]);
                case "--grid" -> {
                    client.address(args[i + 1].split(","));
                    addressGiven = true;
                }
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + "; use --name, --port, --cluster, --grid");
            }
        }
        if (!addressGiven) {
            client.address("127.0.0.1:5701");
        }
        StoreDemo demo = new StoreDemo(name, port, SessionGrid.client(client.build()), StoreSettings.defaults());
        Runtime.getRuntime().addShutdownHook(new Thread(demo::close, "store-demo-shutdown"));
        System.out.println("store-demo " + name + " serving http://127.0.0.1:" + demo.port() + "/");
    }
}
