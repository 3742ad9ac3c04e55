package io.sessiongrid.client.config;

import java.util.Locale;

/**
 * A way of writing a setting, each spelling the registry's name by one rule, so that a name learnt in one place
 * is found in every other: {@code cluster.name} is {@code cluster: name:} in YAML, {@code SESSIONGRID_CLUSTER_NAME}
 * in the environment, the init-param {@code cluster.name}, the context-param {@code io.sessiongrid.cluster.name},
 * {@code --cluster-name} on a command line and {@code sessiongrid.cluster.name} as a Spring property.
 */
public enum Channel {
    YAML("YAML key"),
    ENVIRONMENT("environment variable"),
    INIT_PARAM("init-param"),
    CONTEXT_PARAM("context-param"),
    COMMAND_LINE("option"),
    SPRING_PROPERTY("property");

    /** What every context-param for the filter starts with. */
    public static final String CONTEXT_PARAM_PREFIX = "io.sessiongrid.";
    /** What every environment variable of ours starts with. */
    public static final String ENVIRONMENT_PREFIX = "SESSIONGRID_";
    /** What every Spring property of ours starts with. */
    public static final String SPRING_PREFIX = "sessiongrid.";

    private final String noun;

    Channel(String noun) {
        this.noun = noun;
    }

    /** The word for a key in this channel, as error messages use it: "init-param", "environment variable". */
    public String noun() {
        return noun;
    }

    /** The name as a user writes it in this channel. */
    public String spell(String name) {
        return switch (this) {
            case YAML, INIT_PARAM -> name;
            case ENVIRONMENT -> ENVIRONMENT_PREFIX + name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
            case CONTEXT_PARAM -> CONTEXT_PARAM_PREFIX + name;
            case COMMAND_LINE -> "--" + name.replace('.', '-');
            case SPRING_PROPERTY -> SPRING_PREFIX + name;
        };
    }

    /** Whether a key of this channel is meant for us at all (the environment and context hold others' keys too). */
    public boolean isOurs(String key) {
        return switch (this) {
            case ENVIRONMENT -> key.startsWith(ENVIRONMENT_PREFIX);
            case CONTEXT_PARAM -> key.startsWith(CONTEXT_PARAM_PREFIX);
            case SPRING_PROPERTY -> key.startsWith(SPRING_PREFIX);
            default -> true;
        };
    }
}
