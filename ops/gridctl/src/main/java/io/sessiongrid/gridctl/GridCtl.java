package io.sessiongrid.gridctl;

import io.sessiongrid.client.api.GridUnavailableException;
import io.sessiongrid.client.api.SessionStore;
import io.sessiongrid.client.api.StoreSettings;
import io.sessiongrid.client.hazelcast.ClientSettings;
import io.sessiongrid.client.hazelcast.GridAdmin;
import io.sessiongrid.client.hazelcast.SessionGrid;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code gridctl}: the grid's admin command line. Connects as a thin client (no near cache), runs one command
 * and disconnects. Exit codes: {@value #OK} done, {@value #FAILED} the grid did not answer or the action did not
 * complete, {@value #USAGE} bad arguments, {@value #NOT_FOUND} nothing matched.
 */
@Command(name = "gridctl", mixinStandardHelpOptions = true, version = "gridctl 0.1.0",
        description = "Administers a running session grid as a thin client.",
        subcommands = {MembersCommand.class, SessionsCommand.class, FindCommand.class, InvalidateCommand.class,
                DrainCommand.class, MetricsCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:the grid did not answer, or the action did not complete in time",
                "2:bad arguments", "3:nothing matched (no such session or member)"})
public final class GridCtl implements Runnable {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;
    public static final int NOT_FOUND = 3;

    // The three grid settings take their names from the registry (Channel.COMMAND_LINE) and their defaults from
    // the environment or the registry through SettingDefaults; GridCtlTest checks both.
    @Option(names = "--cluster-name", scope = ScopeType.INHERIT, paramLabel = "NAME",
            description = "cluster name (default: $SESSIONGRID_CLUSTER_NAME, else ${DEFAULT-VALUE})")
    String cluster;

    @Option(names = "--client-addresses", scope = ScopeType.INHERIT, paramLabel = "HOST:PORT", split = ",",
            description = "member to connect to; repeat or comma-separate (default: $SESSIONGRID_CLIENT_ADDRESSES,"
                    + " else ${DEFAULT-VALUE})")
    List<String> addresses;

    @Option(names = "--session-map-name", scope = ScopeType.INHERIT, paramLabel = "NAME",
            description = "session map (default: $SESSIONGRID_SESSION_MAP_NAME, else ${DEFAULT-VALUE})")
    String map;

    @Option(names = "--timeout", scope = ScopeType.INHERIT, paramLabel = "SECONDS", defaultValue = "10",
            description = "how long to wait to connect and for each answer (default: ${DEFAULT-VALUE})")
    int timeoutSeconds;

    @Option(names = "--json", scope = ScopeType.INHERIT, description = "print JSON instead of text")
    boolean json;

    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "show the Hazelcast client's log")
    boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    PrintWriter out;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command");
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        System.exit(execute(args, out, err));
    }

    /** Runs one command line, writing to the given streams; returns the exit code. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        return execute(args, System.getenv(), out, err);
    }

    /** As {@link #execute(String[], PrintWriter, PrintWriter)}, with the environment given. */
    static int execute(String[] args, Map<String, String> environment, PrintWriter out, PrintWriter err) {
        GridCtl root = new GridCtl();
        root.out = out;
        CommandLine line = new CommandLine(root);
        line.setDefaultValueProvider(new SettingDefaults(environment));
        line.setOut(out);
        line.setErr(err);
        // The default map is called "sessions", like the command: "--session-map-name sessions" is a map name.
        line.setAllowSubcommandsAsOptionParameters(true);
        line.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof GridUnavailableException || e instanceof ActionFailedException) {
                err.println("gridctl: " + e.getMessage());
                return FAILED;
            }
            if (e instanceof NothingFoundException) {
                err.println("gridctl: " + e.getMessage());
                return NOT_FOUND;
            }
            if (e instanceof IllegalArgumentException) {
                err.println("gridctl: " + e.getMessage());
                err.println("Try 'gridctl " + cmd.getCommandName() + " --help'.");
                return USAGE;
            }
            throw e;
        });
        return line.execute(args);
    }

    /** Connects, runs the work with the grid, and disconnects. */
    <T> T withGrid(Function<Grid, T> work) {
        if (timeoutSeconds < 1) {
            throw new IllegalArgumentException("--timeout must be at least 1 second, got " + timeoutSeconds);
        }
        Duration timeout = Duration.ofSeconds(timeoutSeconds);
        ClientSettings.Builder settings = ClientSettings.builder().clusterName(cluster).sessionMaps(map)
                .nearCacheMaxEntries(0).connectTimeout(timeout).operationTimeout(timeout);
        for (String address : addresses) {
            settings.address(address.trim());
        }
        if (!verbose) {
            settings.hazelcastProperty("hazelcast.logging.type", "none");
        }
        try (SessionGrid grid = SessionGrid.client(settings.build())) {
            GridAdmin admin = new GridAdmin(grid.hazelcast(), timeout);
            // Listed before the store opens its map, which creates it: a misspelt name must not look like a map.
            List<String> maps = admin.mapNames();
            return work.apply(new Grid(grid.openStore(StoreSettings.builder().mapName(map).build()), admin, map,
                    timeout, maps));
        }
    }

    Output output() {
        return new Output(out, json);
    }

    /** What a command works with: the session map as a store, the members, and the maps that existed before. */
    record Grid(SessionStore store, GridAdmin admin, String map, Duration timeout, List<String> existingMaps) {
    }

    /** The command ran but what it asked for did not happen (exit code 1). */
    static final class ActionFailedException extends RuntimeException {
        ActionFailedException(String message) {
            super(message);
        }
    }

    /** Nothing matched what the command named (exit code 3). */
    static final class NothingFoundException extends RuntimeException {
        NothingFoundException(String message) {
            super(message);
        }
    }
}
