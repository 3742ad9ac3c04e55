package io.sessiongrid.node.server;

import io.sessiongrid.node.config.NodeConfig;
import io.sessiongrid.node.config.NodeConfigException;
import io.sessiongrid.node.config.NodeConfigLoader;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sessiongrid.node.http.NodeEndpoints;
import io.sessiongrid.node.metrics.GridNodeMetrics;
import io.sessiongrid.node.persistence.DurableSessions;

import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code grid-node [--config FILE] [--check]}: starts one grid member from a YAML file and SESSIONGRID_*
 * environment variables, and stops it gracefully on SIGTERM or SIGINT. Exit codes: 0 stopped, 2 invalid
 * configuration or arguments, 1 failed to start.
 */
public final class GridNodeMain {
    private GridNodeMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (System.getProperty("java.util.logging.manager") == null) {
            System.setProperty("java.util.logging.manager", NodeLogManager.class.getName());
        }
        Path configFile = null;
        boolean checkOnly = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--config" -> {
                    if (i + 1 == args.length) {
                        usage("--config needs a file");
                    }
                    configFile = Path.of(args[++i]);
                }
                case "--check" -> checkOnly = true;
                case "--help", "-h" -> {
                    System.out.println(USAGE);
                    return;
                }
                default -> usage("unknown argument " + args[i]);
            }
        }
        NodeConfig config;
        try {
            config = NodeConfigLoader.load(configFile, System.getenv());
        } catch (NodeConfigException e) {
            System.err.println("grid-node: invalid configuration: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (checkOnly) {
            System.out.println("grid-node: configuration is valid");
            return;
        }
        StdoutLogging.install(config.loggingLevel());
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        DurableSessions durable = null;
        GridNode node;
        try {
            if (config.persistence().isPresent()) {
                durable = new DurableSessions(config.persistence().get(), registry);
            }
            node = GridNode.start(config.member(), durable);
        } catch (RuntimeException e) {
            System.err.println("grid-node: failed to start: " + e);
            if (durable != null) {
                durable.close();
            }
            System.exit(1);
            return;
        }
        NodeEndpoints health = null;
        try {
            if (config.httpPort() != 0) {
                new GridNodeMetrics(node.member(), config.member(), registry, node::partitionsSafe);
                health = new NodeEndpoints(node, registry::scrape, config.member().host(), config.httpPort());
            }
        } catch (RuntimeException e) {
            System.err.println("grid-node: failed to start: " + e.getMessage());
            node.close();
            if (durable != null) {
                durable.close();
            }
            System.exit(1);
            return;
        }
        NodeEndpoints endpoints = health;
        // The database is closed only after the member stopped: a graceful stop writes its pending rows first.
        DurableSessions closeAfterStop = durable;
        Duration drainDelay = config.drainDelay();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            node.beginShutdown();
            try {
                // Not ready, still serving: whoever watches readiness sees the member leaving before it does.
                node.awaitStop(drainDelay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            node.close();
            if (closeAfterStop != null) {
                closeAfterStop.close();
            }
            if (endpoints != null) {
                endpoints.close();
            }
        }, "grid-node-shutdown"));
        node.awaitStop(Duration.ofDays(365_000));
        // Stopped from inside the cluster (gridctl drain) rather than by a signal: leave the JVM too.
        if (endpoints != null) {
            endpoints.close();
        }
        System.exit(0);
    }

    private static final String USAGE = """
            usage: grid-node [--config FILE] [--check]
              --config FILE  YAML configuration; SESSIONGRID_* environment variables override it
              --check        validate the configuration and exit
            Stops gracefully on SIGTERM: partitions and backups move to the other members first.""";

    private static void usage(String problem) {
        System.err.println("grid-node: " + problem + "\n" + USAGE);
        System.exit(2);
    }
}
