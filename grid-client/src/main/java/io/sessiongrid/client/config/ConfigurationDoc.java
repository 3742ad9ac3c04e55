package io.sessiongrid.client.config;

import java.util.stream.Collectors;

/** Renders the registry as {@code docs/configuration.md}; a test keeps the file equal to this rendering. */
final class ConfigurationDoc {
    private ConfigurationDoc() {
    }

    static String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Configuration\n\n")
                .append("<!-- Generated from io.sessiongrid.client.config.Setting by ConfigurationDocTest; edit the")
                .append(" registry, not this file. -->\n\n")
                .append("Every setting has one name. Each program reads it through its own channels, spelt by one")
                .append(" rule:\n\n")
                .append("| channel | read by | `cluster.name` is written |\n| --- | --- | --- |\n");
        row(md, "YAML file (`--config`)", "grid-node", Channel.YAML, "nested: `name:` under `cluster:`");
        row(md, "environment", "grid-node, gridctl", Channel.ENVIRONMENT, null);
        row(md, "filter init-param (web.xml, `FilterRegistration`)", "filter", Channel.INIT_PARAM, null);
        row(md, "context-param (registers the filter by itself)", "filter", Channel.CONTEXT_PARAM, null);
        row(md, "command line", "gridctl", Channel.COMMAND_LINE, null);
        row(md, "Spring property (`application.properties` or `.yaml`)", "Spring Boot starter",
                Channel.SPRING_PROPERTY, null);
        md.append("\nA key a program does not know is an error that names it, so a typo never falls back to a")
                .append(" default; so is a value of the wrong form. The environment may hold variables for other")
                .append(" programs: each program reads the ones it knows. Environment variables override the")
                .append(" YAML file key by key; gridctl's options override its environment.\n\n")
                .append("| setting | kind | default | read by | what it does |\n| --- | --- | --- | --- | --- |\n");
        for (Setting s : Setting.values()) {
            String kind = s.kind() == SettingKind.CHOICE
                    ? s.choices().stream().collect(Collectors.joining(", ", "one of ", ""))
                    : s.kind().description();
            md.append("| `").append(s.key()).append("` | ").append(kind).append(" | ")
                    .append(s.defaultValue().map(v -> "`" + v + "`").orElse("—")).append(" | ")
                    .append(s.readers().stream().map(Component::label).collect(Collectors.joining(", ")))
                    .append(" | ").append(s.description().replace("|", "\\|")).append(" |\n");
        }
        md.append("\ngrid-node also passes any Hazelcast property through YAML: `hazelcast: properties:")
                .append(" <name>: <value>`.\n");
        return md.toString();
    }

    private static void row(StringBuilder md, String channel, String readers, Channel c, String example) {
        md.append("| ").append(channel).append(" | ").append(readers).append(" | ")
                .append(example != null ? example : "`" + c.spell(Setting.CLUSTER_NAME.key()) + "`").append(" |\n");
    }
}
