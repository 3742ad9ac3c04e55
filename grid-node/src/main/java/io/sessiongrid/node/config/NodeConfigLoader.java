package io.sessiongrid.node.config;

import io.sessiongrid.client.core.DurationText;
import io.sessiongrid.client.hazelcast.JoinMode;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;

/**
 * Reads a YAML file (optional) and then environment variables, which override it key by key, and validates the
 * result before anything starts. Unknown keys are errors, so a typo never silently falls back to a default.
 */
public final class NodeConfigLoader {
    private NodeConfigLoader() {
    }

    /**
     * @throws NodeConfigException naming the key and the fix for the first invalid value
     */
    public static NodeConfig load(Path yaml, Map<String, String> environment) {
        Map<String, Object> values = new LinkedHashMap<>();
        if (yaml != null) {
            flatten("", readYaml(yaml), values, yaml);
        }
        environment.forEach((name, value) -> {
            if (ConfigKey.isOurs(name)) {
                ConfigKey key = ConfigKey.byEnvironmentVariable(name).orElseThrow(() -> new NodeConfigException(
                        "unknown environment variable " + name + "; grid-node reads " + knownVariables()));
                values.put(key.path(), value);
            }
        });
        return build(values);
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

    private static void flatten(String prefix, Map<?, ?> map, Map<String, Object> out, Path file) {
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String path = prefix + e.getKey();
            if (path.equals("hazelcast.properties") && e.getValue() instanceof Map<?, ?> props) {
                props.forEach((k, v) -> out.put("hazelcast.properties." + k, String.valueOf(v)));
            } else if (e.getValue() instanceof Map<?, ?> nested) {
                flatten(path + ".", nested, out, file);
            } else if (ConfigKey.byPath(path).isPresent()) {
                out.put(path, e.getValue());
            } else {
                throw new NodeConfigException("unknown key \"" + path + "\" in " + file + "; known keys: "
                        + knownPaths());
            }
        }
    }

    private static NodeConfig build(Map<String, Object> values) {
        MemberSettings.Builder b = MemberSettings.builder();
        Level level = Level.INFO;
        int httpPort = 0;
        Duration drainDelay = Duration.ZERO;
        for (Map.Entry<String, Object> e : values.entrySet()) {
            String path = e.getKey();
            Object value = e.getValue();
            try {
                if (path.startsWith("hazelcast.properties.")) {
                    b.hazelcastProperty(path.substring("hazelcast.properties.".length()), String.valueOf(value));
                    continue;
                }
                switch (ConfigKey.byPath(path).orElseThrow()) {
                    case CLUSTER_NAME -> b.clusterName(text(value));
                    case NETWORK_HOST -> b.host(text(value));
                    case NETWORK_PORT -> b.port(integer(path, value));
                    case NETWORK_PORT_COUNT -> b.portCount(integer(path, value));
                    case JOIN_MODE -> b.joinMode(joinMode(path, value));
                    case JOIN_MEMBERS -> list(value).forEach(b::member);
                    case JOIN_KUBERNETES_SERVICE_DNS -> b.kubernetesServiceDns(text(value));
                    case SESSION_MAP_NAMES -> b.sessionMaps(text(value));
                    case SESSION_MAP_BACKUP_COUNT -> b.backupCount(integer(path, value));
                    case SESSION_MAP_ASYNC_BACKUP_COUNT -> b.asyncBackupCount(integer(path, value));
                    case SESSION_MAP_NEAR_CACHE_MAX_ENTRIES -> b.nearCacheMaxEntries(integer(path, value));
                    case SHUTDOWN_MAX_WAIT -> b.gracefulShutdownMaxWait(DurationText.parse(path, text(value)));
                    case SHUTDOWN_DRAIN_DELAY -> drainDelay = DurationText.parse(path, text(value));
                    case LOGGING_LEVEL -> level = level(path, value);
                    case HTTP_PORT -> httpPort = httpPort(path, integer(path, value));
                }
            } catch (IllegalArgumentException ex) {
                throw new NodeConfigException(ex.getMessage(), ex);
            }
        }
        try {
            return new NodeConfig(b.build(), level, httpPort, drainDelay);
        } catch (IllegalArgumentException ex) {
            throw new NodeConfigException(ex.getMessage(), ex);
        }
    }

    private static String text(Object value) {
        return String.valueOf(value).trim();
    }

    private static int integer(String path, Object value) {
        try {
            return Integer.parseInt(text(value));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(path + " must be a whole number, got \"" + value + "\"");
        }
    }

    private static List<String> list(Object value) {
        List<String> items = new ArrayList<>();
        if (value instanceof List<?> list) {
            list.forEach(v -> items.add(text(v)));
        } else {
            for (String part : text(value).split(",")) {
                if (!part.isBlank()) {
                    items.add(part.trim());
                }
            }
        }
        return items;
    }

    private static JoinMode joinMode(String path, Object value) {
        return switch (text(value).toLowerCase(Locale.ROOT)) {
            case "tcp-ip" -> JoinMode.TCP_IP;
            case "multicast" -> JoinMode.MULTICAST;
            case "kubernetes" -> JoinMode.KUBERNETES;
            default -> throw new IllegalArgumentException(path + " must be tcp-ip, multicast or kubernetes, got \""
                    + value + "\"");
        };
    }

    private static int httpPort(String path, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(path + " must be 1-65535, or 0 to turn the endpoints off, got "
                    + port);
        }
        return port;
    }

    private static Level level(String path, Object value) {
        return switch (text(value).toLowerCase(Locale.ROOT)) {
            case "error" -> Level.SEVERE;
            case "warning" -> Level.WARNING;
            case "info" -> Level.INFO;
            case "debug" -> Level.FINE;
            default -> throw new IllegalArgumentException(path + " must be error, warning, info or debug, got \""
                    + value + "\"");
        };
    }

    private static String knownPaths() {
        StringBuilder s = new StringBuilder();
        for (ConfigKey k : ConfigKey.values()) {
            s.append(k.path()).append(", ");
        }
        return s.append("hazelcast.properties.<hazelcast property>").toString();
    }

    private static String knownVariables() {
        StringBuilder s = new StringBuilder();
        for (ConfigKey k : ConfigKey.values()) {
            s.append(s.isEmpty() ? "" : ", ").append(k.environmentVariable());
        }
        return s.toString();
    }
}
