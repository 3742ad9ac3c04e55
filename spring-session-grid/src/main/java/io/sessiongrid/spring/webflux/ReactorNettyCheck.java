package io.sessiongrid.spring.webflux;

import java.util.Optional;

/**
 * Whether the Reactor Netty that serves the application has the keep-alive defect of versions before 1.3.8
 * (reactor-netty#4361): a request that arrives on a kept-alive connection while the previous one is finishing, and
 * that then completes at once, leaves the connection unread, so its client waits until its own timeout. A session
 * repository whose saves complete on another thread (every grid write) and whose near-cache reads complete at once
 * makes exactly that mix. Immutable.
 */
final class ReactorNettyCheck {
    static final String SERVER_CLASS = "reactor.netty.http.server.HttpServer";
    private static final int[] FIXED_IN = {1, 3, 8};

    private ReactorNettyCheck() {
    }

    /** The warning for the Reactor Netty on the class path, if its version has the defect; none if unknown. */
    static Optional<String> warning(ClassLoader loader) {
        try {
            Package server = Class.forName(SERVER_CLASS, false, loader).getPackage();
            return warning(server == null ? null : server.getImplementationVersion());
        } catch (ClassNotFoundException | LinkageError notNetty) {
            return Optional.empty();
        }
    }

    /** @param version Reactor Netty's version as its jar states it ({@code 1.3.6}), or null if not stated */
    static Optional<String> warning(String version) {
        if (version == null || !before(version, FIXED_IN)) {
            return Optional.empty();
        }
        return Optional.of("Reactor Netty " + version + " stops reading a keep-alive connection after a request that"
                + " arrived while the previous one was finishing completes at once (reactor-netty#4361); with session"
                + " saves that complete on the grid's threads, clients then wait until they time out. Use Reactor"
                + " Netty 1.3.8 or later (with Spring Boot 4.0: manage io.projectreactor.netty:reactor-netty-http and"
                + " reactor-netty-core 1.3.8 and import io.netty:netty-bom 4.2.18.Final ahead of Boot's BOM);"
                + " docs/spring-boot.md shows how");
    }

    private static boolean before(String version, int[] fixed) {
        String[] parts = version.split("[.-]");
        for (int i = 0; i < fixed.length; i++) {
            int part;
            try {
                part = i < parts.length ? Integer.parseInt(parts[i]) : 0;
            } catch (NumberFormatException notANumber) {
                return false;
            }
            if (part != fixed[i]) {
                return part < fixed[i];
            }
        }
        return false;
    }
}
