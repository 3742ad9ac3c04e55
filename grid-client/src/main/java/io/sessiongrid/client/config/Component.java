package io.sessiongrid.client.config;

import java.util.List;

/** A program that reads settings, and the channels through which a user gives them to it. */
public enum Component {
    GRID_NODE("grid-node", List.of(Channel.YAML, Channel.ENVIRONMENT)),
    FILTER("filter", List.of(Channel.INIT_PARAM, Channel.CONTEXT_PARAM)),
    GRIDCTL("gridctl", List.of(Channel.COMMAND_LINE, Channel.ENVIRONMENT)),
    /** Configures what the filter does, in a Spring Boot application, from its properties. */
    SPRING_BOOT("Spring Boot starter", List.of(Channel.SPRING_PROPERTY));

    private final String label;
    private final List<Channel> channels;

    Component(String label, List<Channel> channels) {
        this.label = label;
        this.channels = channels;
    }

    /** How the documentation names the component. */
    public String label() {
        return label;
    }

    /** The channels this component reads, the later overriding the earlier where it reads several at once. */
    public List<Channel> channels() {
        return channels;
    }
}
