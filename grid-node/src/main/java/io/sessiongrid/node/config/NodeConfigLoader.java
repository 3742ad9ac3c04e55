package io.sessiongrid.node.config;

import io.sessiongrid.client.config.Channel;
import io.sessiongrid.client.config.Component;
import io.sessiongrid.client.config.Setting;
import io.sessiongrid.client.config.SettingException;
import io.sessiongrid.client.config.SettingValues;
import io.sessiongrid.client.hazelcast.MemberSettings;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;

/**
 * Reads a YAML file (optional) and then environment variables, which override it key by key, through the settings
 * registry ({@link Setting}), and validates the result before anything starts. Unknown keys are errors, so a typo
 * never silently falls back to a default.
 */
public final class NodeConfigLoader {
    private NodeConfigLoader() {
    }

    /**
     * @throws NodeConfigException naming the key, as the user wrote it, and the fix for the first invalid value
     */
    public static NodeConfig load(Path yaml, Map<String, String> environment) {
        Map<String, Object> yamlKeys = new LinkedHashMap<>();
        Map<String, String> hazelcastProperties = new LinkedHashMap<>();
        if (yaml != null) {
            flatten("", readYaml(yaml), yamlKeys, hazelcastProperties);
        }
        try {
            SettingValues values = SettingValues.read(Component.GRID_NODE, Channel.YAML, yamlKeys)
                    .overriddenBy(SettingValues.read(Component.GRID_NODE, Channel.ENVIRONMENT, environment));
            return build(values, hazelcastProperties);
        } catch (IllegalArgumentException e) {
            throw new NodeConfigException(yaml != null && e.getMessage().startsWith("unknown YAML key")
                    ? e.getMessage().replace("unknown YAML key", "unknown YAML key in " + yaml + ":")
                    : e.getMessage(), e);
        }
    }

    private static Map<?, ?> readYaml(Path file) {
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        try (Reader reader = Files.newBufferedReader(file)) {
            Object root = yaml.load(reader);
            if (root == null) {
                return Map.of();
            }
            if (!(root instanceof Map<?, ?> map)) {
                throw new NodeConfigException(file + " must hold a YAML mapping at the top, such as \"cluster:\"");
            }
            return map;
        } catch (IOException e) {
            throw new NodeConfigException("cannot read configuration file " + file + ": " + e.getMessage(), e);
        } catch (YAMLException e) {
            throw new NodeConfigException(file + " is not valid YAML: " + e.getMessage(), e);
        }
    }

    private static void flatten(String prefix, Map<?, ?> map, Map<String, Object> out,
                                Map<String, String> hazelcastProperties) {
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String path = prefix + e.getKey();
            if (path.equals("hazelcast.properties") && e.getValue() instanceof Map<?, ?> props) {
                props.forEach((k, v) -> hazelcastProperties.put(String.valueOf(k), String.valueOf(v)));
            } else if (e.getValue() instanceof Map<?, ?> nested) {
                flatten(path + ".", nested, out, hazelcastProperties);
            } else {
                out.put(path, e.getValue());
            }
        }
    }

    private static NodeConfig build(SettingValues v, Map<String, String> hazelcastProperties) {
        MemberSettings.Builder b = MemberSettings.configured(v);
        hazelcastProperties.forEach((name, value) -> {
            try {
                b.hazelcastProperty(name, value);
            } catch (IllegalArgumentException e) {
                throw new SettingException(e.getMessage(), e);
            }
        });
        Level level = level(v.choice(Setting.LOGGING_LEVEL).orElseThrow());
        int httpPort = v.integer(Setting.HTTP_PORT).orElseThrow();
        if (httpPort < 0 || httpPort > 65535) {
            throw v.invalid(Setting.HTTP_PORT, "must be 1-65535, or 0 to turn the endpoints off");
        }
        Duration drainDelay = v.duration(Setting.SHUTDOWN_DRAIN_DELAY).orElseThrow();
        return new NodeConfig(v.checked(b::build), level, httpPort, drainDelay);
    }

    private static Level level(String choice) {
        return switch (choice) {
            case "error" -> Level.SEVERE;
            case "warning" -> Level.WARNING;
            case "debug" -> Level.FINE;
            default -> Level.INFO;
        };
    }
}
