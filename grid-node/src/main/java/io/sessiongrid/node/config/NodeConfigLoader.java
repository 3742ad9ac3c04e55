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
import java.util.Optional;
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
        if (!v.isGiven(Setting.SESSION_MAP_NEAR_CACHE_MAX_ENTRIES)) {
            // Nothing on a grid-node reads sessions through its map proxy; a near cache would only take every
            // write's invalidation from the owner.
            b.nearCacheMaxEntries(0);
        }
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
        return new NodeConfig(v.checked(b::build), level, httpPort, drainDelay, persistence(v));
    }

    private static Optional<PersistenceSettings> persistence(SettingValues v) {
        String mode = v.choice(Setting.PERSISTENCE_MODE).orElseThrow();
        if (mode.equals("off")) {
            for (Setting s : Setting.values()) {
                if (s != Setting.PERSISTENCE_MODE && s.key().startsWith("persistence.") && v.isGiven(s)) {
                    throw v.invalid(s, "is set but persistence.mode is off; set persistence.mode to write-through"
                            + " or write-behind, or remove it");
                }
            }
            return Optional.empty();
        }
        String url = v.text(Setting.PERSISTENCE_JDBC_URL).orElseThrow(() -> v.invalid(Setting.PERSISTENCE_JDBC_URL,
                "is required by persistence.mode " + mode + ": jdbc:postgresql://host:5432/database"));
        if (!url.startsWith("jdbc:postgresql://")) {
            throw v.invalid(Setting.PERSISTENCE_JDBC_URL, "must be a PostgreSQL URL, jdbc:postgresql://host:5432/database");
        }
        int pool = v.integer(Setting.PERSISTENCE_POOL_SIZE).orElseThrow();
        if (pool < 1 || pool > 200) {
            throw v.invalid(Setting.PERSISTENCE_POOL_SIZE, "must be 1-200");
        }
        Duration timeout = v.duration(Setting.PERSISTENCE_TIMEOUT).orElseThrow();
        if (timeout.toMillis() < 250 || timeout.toMinutes() > 5) {
            throw v.invalid(Setting.PERSISTENCE_TIMEOUT, "must be from 250ms to 5m");
        }
        Duration delay = Duration.ZERO;
        if (mode.equals("write-behind")) {
            delay = v.duration(Setting.PERSISTENCE_WRITE_DELAY).orElseThrow();
            if (delay.toMillis() % 1000 != 0 || delay.toSeconds() < 1 || delay.toSeconds() > 3600) {
                throw v.invalid(Setting.PERSISTENCE_WRITE_DELAY, "must be whole seconds from 1s to 1h");
            }
        } else if (v.isGiven(Setting.PERSISTENCE_WRITE_DELAY) || v.isGiven(Setting.PERSISTENCE_WRITE_BATCH_SIZE)) {
            throw v.invalid(v.isGiven(Setting.PERSISTENCE_WRITE_DELAY) ? Setting.PERSISTENCE_WRITE_DELAY
                    : Setting.PERSISTENCE_WRITE_BATCH_SIZE, "applies to write-behind only; write-through writes each"
                    + " row before answering");
        }
        int batch = v.integer(Setting.PERSISTENCE_WRITE_BATCH_SIZE).orElseThrow();
        if (batch < 1 || batch > 100_000) {
            throw v.invalid(Setting.PERSISTENCE_WRITE_BATCH_SIZE, "must be 1-100000");
        }
        Duration sweep = v.duration(Setting.PERSISTENCE_SWEEP_INTERVAL).orElseThrow();
        if (sweep.toSeconds() < 1) {
            throw v.invalid(Setting.PERSISTENCE_SWEEP_INTERVAL, "must be at least 1s");
        }
        return Optional.of(new PersistenceSettings(url, v.text(Setting.PERSISTENCE_USERNAME).orElse(null),
                v.text(Setting.PERSISTENCE_PASSWORD).orElse(null), pool, timeout, delay, batch,
                v.choice(Setting.PERSISTENCE_INITIAL_LOAD).orElseThrow().equals("eager"), sweep,
                v.bool(Setting.PERSISTENCE_REQUIRED_FOR_READINESS).orElseThrow()));
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
