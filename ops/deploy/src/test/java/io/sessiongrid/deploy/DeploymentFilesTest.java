package io.sessiongrid.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sessiongrid.client.api.Session;
import io.sessiongrid.client.api.SessionChanges;
import io.sessiongrid.client.api.SessionStore;
import io.sessiongrid.client.api.StoreSettings;
import io.sessiongrid.client.hazelcast.JoinMode;
import io.sessiongrid.client.hazelcast.MemberSettings;
import io.sessiongrid.client.hazelcast.SessionGrid;
import io.sessiongrid.client.testing.LocalCluster;
import io.sessiongrid.client.config.Setting;
import io.sessiongrid.node.config.NodeConfig;
import io.sessiongrid.node.config.NodeConfigLoader;
import io.sessiongrid.node.metrics.GridNodeMetrics;
import io.sessiongrid.servlet.SessionFilterSettings;
import io.sessiongrid.servlet.SessionGridFilter;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The deployment files parse, and agree with the code they deploy: every SESSIONGRID_* variable is one the node
 * accepts, probes hit the real endpoints on the configured port, grace periods outlast the hand-over, the
 * container copies what the build makes, and every metric a dashboard or alert queries is one that a real
 * member and a real filter publish.
 */
class DeploymentFilesTest {
    private static final Pattern METRIC = Pattern.compile("\\bsessiongrid_[a-z_]+");
    private final Path deploy = Path.of(System.getProperty("deploy.dir"));
    private final Path repository = Path.of(System.getProperty("repository.dir"));

    @Test
    void kubernetesManifestsDeployWhatTheNodeUnderstands() throws IOException {
        Map<String, List<Map<String, Object>>> byKind = new HashMap<>();
        for (Object doc : yaml().loadAll(Files.readString(deploy.resolve("kubernetes/grid-node.yaml")))) {
            Map<String, Object> resource = map(doc);
            assertNotNull(resource.get("apiVersion"));
            assertNotNull(map(resource.get("metadata")).get("name"));
            byKind.computeIfAbsent((String) resource.get("kind"), k -> new ArrayList<>()).add(resource);
        }
        assertEquals(Set.of("Service", "StatefulSet", "PodDisruptionBudget", "NetworkPolicy"), byKind.keySet());
        Map<String, Object> sts = byKind.get("StatefulSet").get(0);
        Map<String, Object> spec = map(sts.get("spec"));
        Map<String, Object> headless = byKind.get("Service").stream()
                .filter(s -> "None".equals(map(s.get("spec")).get("clusterIP"))).findFirst().orElseThrow();
        assertEquals(name(headless), spec.get("serviceName"), "the StatefulSet's pods get the headless DNS names");
        assertEquals(Boolean.TRUE, map(headless.get("spec")).get("publishNotReadyAddresses"),
                "members must find each other before they are ready");

        Map<String, Object> pod = map(spec.get("template"));
        Map<String, Object> labels = map(map(pod.get("metadata")).get("labels"));
        assertEquals(labels, map(map(spec.get("selector")).get("matchLabels")));
        Map<String, Object> pdb = byKind.get("PodDisruptionBudget").get(0);
        assertEquals(labels, map(map(map(pdb.get("spec")).get("selector")).get("matchLabels")));
        assertEquals(1, map(pdb.get("spec")).get("maxUnavailable"));
        for (Map<String, Object> service : byKind.get("Service")) {
            assertTrue(labels.entrySet().containsAll(map(map(service.get("spec")).get("selector")).entrySet()));
        }
        assertMemberPortAdmitsOnlyMembersAndClients(byKind.get("NetworkPolicy").get(0), labels);

        Map<String, Object> podSpec = map(pod.get("spec"));
        Map<String, Object> container = map(list(podSpec.get("containers")).get(0));
        Map<String, Integer> ports = new HashMap<>();
        for (Object p : list(container.get("ports"))) {
            ports.put((String) map(p).get("name"), (Integer) map(p).get("containerPort"));
        }
        Map<String, String> env = new LinkedHashMap<>();
        for (Object e : list(container.get("env"))) {
            Map<String, Object> variable = map(e);
            Object value = variable.get("value");
            env.put((String) variable.get("name"), value == null ? "(from the pod)" : value.toString());
        }
        Map<String, String> nodeEnv = new HashMap<>();
        env.forEach((k, v) -> {
            if (k.startsWith("SESSIONGRID_")) {
                nodeEnv.put(k, v.replace("$(POD_IP)", "10.1.2.3"));
            }
        });
        assertEquals("$(POD_IP)", env.get("SESSIONGRID_NETWORK_HOST"), "members advertise their pod address");
        assertTrue(env.containsKey("POD_IP"));
        NodeConfig config = NodeConfigLoader.load(null, nodeEnv);
        assertEquals(JoinMode.KUBERNETES, config.member().joinMode());
        assertTrue(config.member().kubernetesServiceDns().startsWith(name(headless) + "."),
                config.member().kubernetesServiceDns());
        assertEquals(ports.get("http"), config.httpPort());
        assertEquals(ports.get("hazelcast"), config.member().port());
        for (Map<String, Object> service : byKind.get("Service")) {
            for (Object p : list(map(service.get("spec")).get("ports"))) {
                assertTrue(ports.containsKey((String) map(p).get("targetPort")), "service targets a named port");
            }
        }
        assertProbe(container, "readinessProbe", "/health/ready");
        assertProbe(container, "livenessProbe", "/health/live");
        assertProbe(container, "startupProbe", "/health/live");
        int grace = (Integer) podSpec.get("terminationGracePeriodSeconds");
        assertTrue(grace > config.member().gracefulShutdownMaxWait().toSeconds(),
                "the grace period outlasts shutdown.max-wait");
        Map<String, Object> annotations = map(map(pod.get("metadata")).get("annotations"));
        assertEquals(String.valueOf(config.httpPort()), annotations.get("prometheus.io/port"));
        assertEquals("/metrics", annotations.get("prometheus.io/path"));
    }

    @Test
    void systemdUnitStartsTheNodeAndLetsItHandOverOnStop() throws IOException {
        Map<String, Map<String, String>> unit = ini(deploy.resolve("systemd/grid-node.service"));
        Map<String, String> service = unit.get("Service");
        assertTrue(service.get("ExecStart").matches("/opt/sessiongrid/bin/grid-node --config \\S+\\.yaml"),
                service.get("ExecStart"));
        assertTrue(service.get("ExecStartPre").endsWith("--check"), "configuration is validated before start");
        assertEquals("SIGTERM", service.get("KillSignal"));
        long defaultMaxWait = Long.parseLong(Setting.SHUTDOWN_MAX_WAIT.defaultValue().orElseThrow().replace("s", ""));
        assertTrue(Long.parseLong(service.get("TimeoutStopSec")) > defaultMaxWait);
        assertTrue(List.of(service.get("SuccessExitStatus").split(" ")).contains("143"));
        assertEquals("multi-user.target", unit.get("Install").get("WantedBy"));
        assertTrue(Files.isExecutable(repository.resolve("grid-node/bin/grid-node")));
    }

    @Test
    void containerFileCopiesWhatTheBuildMakes() throws IOException {
        List<String> lines = Files.readAllLines(deploy.resolve("container/Dockerfile"));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("FROM eclipse-temurin:17")), "Java 17 runtime");
        String pom = Files.readString(repository.resolve("grid-node/pom.xml"));
        assertTrue(pom.contains("<finalName>grid-node</finalName>"), "the shaded jar is target/grid-node.jar");
        int copies = 0;
        for (String line : lines) {
            if (line.startsWith("COPY ")) {
                String[] parts = line.substring(5).trim().split("\\s+");
                for (int i = 0; i < parts.length - 1; i++) {
                    Path source = repository.resolve(parts[i]);
                    boolean built = parts[i].equals("grid-node/target/grid-node.jar");
                    assertTrue(built || Files.exists(source), "COPY source missing: " + parts[i]);
                    copies++;
                }
            }
        }
        assertEquals(3, copies);
        assertTrue(lines.contains("ENTRYPOINT [\"/opt/sessiongrid/bin/grid-node\"]"));
        assertTrue(lines.stream().anyMatch(l -> l.matches("EXPOSE 5701 8080")));
        assertTrue(lines.stream().anyMatch(l -> l.contains("SESSIONGRID_HTTP_PORT=8080")));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("USER ") && !l.contains("root")));
    }

    @Test
    void prometheusScrapesTheLocalGridAndTheAlertsQueryRealMetrics() throws Exception {
        Map<String, Object> config = map(yaml().load(Files.readString(deploy.resolve("prometheus/prometheus.yml"))));
        List<Object> jobs = list(config.get("scrape_configs"));
        assertEquals(2, jobs.size());
        for (Object job : jobs) {
            assertEquals("/metrics", map(job).get("metrics_path"));
        }
        Map<String, Object> local = map(jobs.get(0));
        List<Object> targets = list(map(list(local.get("static_configs")).get(0)).get("targets"));
        String script = Files.readString(repository.resolve("ops/run-local-grid.sh"));
        Matcher healthPorts = Pattern.compile("HEALTH_PORTS:-([0-9 ]+)}").matcher(script);
        assertTrue(healthPorts.find());
        List<String> expected = new ArrayList<>();
        for (String port : healthPorts.group(1).trim().split(" ")) {
            expected.add("127.0.0.1:" + port);
        }
        assertEquals(expected, targets, "the local job scrapes ops/run-local-grid.sh's nodes");

        Set<String> published = publishedMetricNames();
        for (Object file : list(config.get("rule_files"))) {
            Map<String, Object> rules = map(yaml().load(Files.readString(deploy.resolve("prometheus")
                    .resolve((String) file))));
            int alerts = 0;
            for (Object group : list(rules.get("groups"))) {
                for (Object rule : list(map(group).get("rules"))) {
                    assertQueriesOnly(published, (String) map(rule).get("expr"));
                    alerts++;
                }
            }
            assertTrue(alerts >= 3);
        }
    }

    @Test
    void dashboardQueriesOnlyMetricsThatAMemberAndTheFilterPublish() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(deploy.resolve("grafana/session-grid-dashboard.json")
                .toFile());
        assertEquals("session-grid", dashboard.get("uid").asText());
        Set<String> published = publishedMetricNames();
        Set<String> queried = new TreeSet<>();
        Set<Integer> ids = new HashSet<>();
        for (JsonNode panel : dashboard.get("panels")) {
            assertTrue(ids.add(panel.get("id").asInt()), "panel ids are unique");
            assertFalse(panel.get("targets").isEmpty(), panel.get("title").asText());
            for (JsonNode target : panel.get("targets")) {
                String expr = target.get("expr").asText();
                assertQueriesOnly(published, expr);
                queried.addAll(names(expr));
            }
        }
        for (String required : List.of("sessiongrid_sessions_owned", "sessiongrid_sessions_backup",
                "sessiongrid_sessions_creations_total", "sessiongrid_sessions_expirations_total",
                "sessiongrid_sessions_invalidations_total", "sessiongrid_entry_processor_seconds_bucket",
                "sessiongrid_near_cache_hits_total", "sessiongrid_near_cache_misses_total",
                "sessiongrid_near_cache_evictions_total", "sessiongrid_partitions_safe", "sessiongrid_members",
                "sessiongrid_http_session_load_seconds_bucket", "sessiongrid_http_session_flush_seconds_bucket",
                "sessiongrid_http_session_write_size_bytes_sum", "sessiongrid_http_session_lock_timeouts_total",
                "sessiongrid_http_session_decode_failures_total", "sessiongrid_http_session_ids_rejected_total")) {
            assertTrue(queried.contains(required), "the dashboard shows " + required);
        }
    }

    /** Names in a real scrape: a member with its GridNodeMetrics after one write, and a filter's meters. */
    private static Set<String> publishedMetricNames() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (LocalCluster cluster = new LocalCluster(1)) {
            MemberSettings settings = cluster.memberSettings(0).build();
            new GridNodeMetrics(cluster.members().get(0), settings, registry, () -> true);
            SessionStore store = SessionGrid.wrap(cluster.members().get(0)).openStore(StoreSettings.defaults());
            Session s = store.create();
            store.apply(s.id(), SessionChanges.builder().set("a", 1).build());
            new SessionGridFilter(store, SessionFilterSettings.builder().meterRegistry(registry).build());
            Set<String> names = new HashSet<>();
            for (String line : registry.scrape().split("\n")) {
                if (!line.startsWith("#") && !line.isBlank()) {
                    names.add(line.split("[{ ]", 2)[0]);
                }
            }
            return names;
        }
    }

    private static void assertQueriesOnly(Set<String> published, String expr) {
        Set<String> used = names(expr);
        assertFalse(used.isEmpty(), "queries a session grid metric: " + expr);
        for (String name : used) {
            assertTrue(published.contains(name), name + " is not published; query: " + expr);
        }
    }

    private static Set<String> names(String expr) {
        Set<String> names = new TreeSet<>();
        Matcher m = METRIC.matcher(expr);
        while (m.find()) {
            names.add(m.group());
        }
        return names;
    }

    /** Hazelcast's community edition has no authentication: the policy is what keeps others off the member port. */
    private static void assertMemberPortAdmitsOnlyMembersAndClients(Map<String, Object> policy,
                                                                     Map<String, Object> memberLabels) {
        Map<String, Object> spec = map(policy.get("spec"));
        assertEquals(memberLabels, map(map(spec.get("podSelector")).get("matchLabels")));
        assertEquals(List.of("Ingress"), spec.get("policyTypes"));
        boolean memberPortRuled = false;
        for (Object rule : list(spec.get("ingress"))) {
            Map<String, Object> ingress = map(rule);
            Set<Object> ports = new java.util.HashSet<>();
            list(ingress.get("ports")).forEach(p -> ports.add(map(p).get("port")));
            if (ports.contains("hazelcast")) {
                memberPortRuled = true;
                List<Object> from = list(ingress.get("from"));
                assertFalse(from.isEmpty(), "the member port is not open to everyone");
                for (Object source : from) {
                    Map<String, Object> selector = map(map(source).get("podSelector"));
                    Map<String, Object> match = map(selector.get("matchLabels"));
                    assertTrue(match.equals(memberLabels) || match.equals(Map.of("sessiongrid.io/client", "true")),
                            "admitted: " + match);
                }
            } else {
                assertEquals(Set.of("http"), ports, "other rules open only the HTTP port");
            }
        }
        assertTrue(memberPortRuled);
    }

    private static void assertProbe(Map<String, Object> container, String probe, String path) {
        Map<String, Object> get = map(map(container.get(probe)).get("httpGet"));
        assertEquals(path, get.get("path"), probe);
        assertEquals("http", get.get("port"), probe);
    }

    private static Map<String, Map<String, String>> ini(Path file) throws IOException {
        Map<String, Map<String, String>> sections = new HashMap<>();
        Map<String, String> section = null;
        for (String raw : Files.readAllLines(file)) {
            String line = raw.trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[")) {
                section = new HashMap<>();
                sections.put(line.substring(1, line.length() - 1), section);
            } else {
                assertNotNull(section, "a key outside any section: " + line);
                int eq = line.indexOf('=');
                assertTrue(eq > 0, "not key=value: " + line);
                section.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return sections;
    }

    private static Yaml yaml() {
        return new Yaml(new SafeConstructor(new LoaderOptions()));
    }

    private static String name(Map<String, Object> resource) {
        return (String) map(resource.get("metadata")).get("name");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        assertTrue(o instanceof Map, "expected a mapping, got " + o);
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o) {
        assertTrue(o instanceof List, "expected a list, got " + o);
        return (List<Object>) o;
    }
}
