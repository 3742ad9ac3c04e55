package io.sessiongrid.bench.http;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts JVMs for a benchmark run: the same Java, class path and Hazelcast flags for every process, a fixed heap
 * (so that no backend gets more memory than another), and the migrated hazelcast-wm jar on the application's class
 * path when there is one. Immutable.
 *
 * @param extraAppClassPath entries added to the application's class path only (the hazelcast-wm jar), or empty
 * @param bootJar           the Spring Boot application's jar (module bench-boot), or empty
 */
record Launcher(Path dir, String classPath, List<String> jvmFlags, String extraAppClassPath, String heap,
                String bootJar) {

    /** The same launcher over another build's class path (a benchmark jar built from another commit). */
    Launcher over(String otherClassPath) {
        return new Launcher(dir, otherClassPath, jvmFlags, extraAppClassPath, heap, bootJar);
    }

    ServerProcess java(String role, String mainClass, List<String> args, boolean application) {
        return java(role, mainClass, args, application, Map.of());
    }

    /** As {@link #java(String, String, List, boolean)}, with {@code properties} as the JVM's system properties. */
    ServerProcess java(String role, String mainClass, List<String> args, boolean application,
                       Map<String, String> properties) {
        List<String> command = jvm(properties);
        String cp = application && !extraAppClassPath.isEmpty() ? classPath + java.io.File.pathSeparator
                + extraAppClassPath : classPath;
        command.addAll(List.of("-cp", cp, mainClass));
        command.addAll(args);
        return ServerProcess.start(role, command, dir.resolve(role + "-" + System.nanoTime() + ".log"));
    }

    /**
     * The Spring Boot application, with the same flags and heap as every other application JVM, and
     * {@code properties} as its system properties.
     */
    ServerProcess bootApplication(List<String> args, Map<String, String> properties) {
        if (bootJar.isEmpty()) {
            throw new IllegalStateException("a Spring Boot topology needs --boot-jar (run-http.sh builds"
                    + " ops/bench-boot and passes it)");
        }
        List<String> command = jvm(properties);
        command.addAll(List.of("-jar", bootJar));
        command.addAll(args);
        return ServerProcess.start("app", command, dir.resolve("app-" + System.nanoTime() + ".log"));
    }

    private List<String> jvm(Map<String, String> properties) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmFlags);
        properties.forEach((name, value) -> command.add("-D" + name + "=" + value));
        command.addAll(List.of("-Xms" + heap, "-Xmx" + heap, "-Djava.awt.headless=true",
                "-Dhazelcast.phone.home.enabled=false", "-Dhazelcast.logging.type=jdk",
                "-Djava.util.logging.config.file=" + dir.resolve("logging.properties")));
        return command;
    }
}
