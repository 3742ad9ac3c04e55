package io.sessiongrid.servlet.config;

import com.hazelcast.core.HazelcastInstance;
import io.sessiongrid.client.api.EncryptionKeys;
import io.sessiongrid.client.api.ReadMode;
import io.sessiongrid.client.api.StoreSettings;
import io.sessiongrid.client.core.DurationText;
import io.sessiongrid.client.hazelcast.ClientSettings;
import io.sessiongrid.client.hazelcast.MemberSettings;
import io.sessiongrid.client.hazelcast.SessionGrid;
import jakarta.servlet.ServletContext;

import java.lang.reflect.InvocationTargetException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EventListener;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the filter's init-params (web.xml, or {@code FilterRegistration.setInitParameter}) into a connected grid,
 * the store settings and the web settings. Every value is checked before anything connects; an unknown
 * parameter is an error, so a typo never falls back to a default silently.
 */
public final class InitParams {
    /** The ServletContext attribute that holds the HazelcastInstance for {@code grid.mode=instance}. */
    public static final String INSTANCE_ATTRIBUTE = "io.sessiongrid.hazelcast";

    static final Set<String> KNOWN = Set.of("grid.mode", "grid.cluster-name", "grid.addresses",
            "grid.connect-timeout", "grid.operation-timeout", "grid.host", "grid.port", "grid.members",
            "grid.instance-attribute", "session.map-name", "session.read-mode", "session.max-inactive-interval",
            "session.max-lifetime", "session.touch-interval", "session.max-attribute-bytes",
            "session.max-session-bytes", "session.compression-threshold-bytes", "session.allowed-classes",
            "session.max-value-depth",
            "session.encryption.keys",
            "session.lock-lease", "session.header", "session.fingerprint", "session.fingerprint.ipv4-prefix-bits",
            "session.fingerprint.ipv6-prefix-bits", "session.max-per-principal", "session.locked-paths",
            "session.lock-wait", "session.listeners", "session.save-mode",
            "cookie.name", "cookie.path", "cookie.domain", "cookie.http-only", "cookie.secure", "cookie.same-site",
            "cookie.max-age", "cookie.partitioned");

    private final Map<String, String> params;

    public InitParams(Map<String, String> params) {
        for (String name : params.keySet()) {
            if (!KNOWN.contains(name)) {
                throw new IllegalArgumentException("unknown session filter init-param \"" + name + "\"; known: "
                        + new TreeSet<>(KNOWN));
            }
        }
        this.params = Map.copyOf(params);
    }

    /** The grid the params describe: a thin client (default), an embedded member, or a context's instance. */
    public SessionGrid connect(ServletContext context) {
        String mode = get("grid.mode", "client").toLowerCase(Locale.ROOT);
        switch (mode) {
            case "client" -> {
                ClientSettings.Builder b = ClientSettings.builder().clusterName(get("grid.cluster-name",
                        "session-grid"));
                list("grid.addresses").forEach(b::address);
                duration("grid.connect-timeout").ifPresent(b::connectTimeout);
                duration("grid.operation-timeout").ifPresent(b::operationTimeout);
                return SessionGrid.client(b.build());
            }
            case "embedded" -> {
                MemberSettings.Builder b = MemberSettings.builder().clusterName(get("grid.cluster-name",
                        "session-grid")).host(get("grid.host", "127.0.0.1"));
                if (params.containsKey("grid.port")) {
                    b.port(integer("grid.port"));
                }
                list("grid.members").forEach(b::member);
                return SessionGrid.embedded(b.build());
            }
            case "instance" -> {
                String attribute = get("grid.instance-attribute", INSTANCE_ATTRIBUTE);
                if (!(context.getAttribute(attribute) instanceof HazelcastInstance instance)) {
                    throw new IllegalArgumentException("grid.mode=instance needs a HazelcastInstance in the"
                            + " ServletContext attribute \"" + attribute + "\" before the filter starts");
                }
                return SessionGrid.wrap(instance);
            }
            default -> throw new IllegalArgumentException("grid.mode must be client, embedded or instance, got \""
                    + mode + "\"");
        }
    }

    public boolean wrapsContextInstance() {
        return get("grid.mode", "client").equalsIgnoreCase("instance");
    }

    public StoreSettings store() {
        StoreSettings.Builder b = StoreSettings.builder();
        if (params.containsKey("session.map-name")) {
            b.mapName(get("session.map-name", null));
        }
        if (params.containsKey("session.read-mode")) {
            String mode = get("session.read-mode", null).toUpperCase(Locale.ROOT);
            try {
                b.readMode(ReadMode.valueOf(mode));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("session.read-mode must be validated or sticky, got \"" + mode
                        + "\"", e);
            }
        }
        duration("session.max-inactive-interval").ifPresent(b::defaultMaxInactiveInterval);
        duration("session.max-lifetime").ifPresent(b::maxLifetime);
        duration("session.touch-interval").ifPresent(b::touchInterval);
        duration("session.lock-lease").ifPresent(b::lockLease);
        if (params.containsKey("session.max-attribute-bytes")) {
            b.maxAttributeBytes(integer("session.max-attribute-bytes"));
        }
        if (params.containsKey("session.max-session-bytes")) {
            b.maxSessionBytes(integer("session.max-session-bytes"));
        }
        if (params.containsKey("session.compression-threshold-bytes")) {
            b.compressionThresholdBytes(integer("session.compression-threshold-bytes"));
        }
        b.allowClasses(list("session.allowed-classes").toArray(String[]::new));
        if (params.containsKey("session.max-value-depth")) {
            b.maxValueDepth(integer("session.max-value-depth"));
        }
        if (params.containsKey("session.encryption.keys")) {
            b.encryptionKeys(EncryptionKeys.parse(params.get("session.encryption.keys")));
        }
        return b.build();
    }

    public SessionFilterSettings web(ClassLoader loader) {
        CookieSettings d = CookieSettings.defaults();
        CookieSettings cookie = new CookieSettings(get("cookie.name", d.name()), get("cookie.path", null),
                get("cookie.domain", null), bool("cookie.http-only", d.httpOnly()),
                params.containsKey("cookie.secure") ? bool("cookie.secure", false) : null,
                get("cookie.same-site", d.sameSite()), duration("cookie.max-age").orElse(null),
                bool("cookie.partitioned", false));
        SessionFilterSettings.Builder b = SessionFilterSettings.builder().cookie(cookie)
                .header(get("session.header", null));
        list("session.locked-paths").forEach(b::lockedPath);
        duration("session.lock-wait").ifPresent(b::lockWait);
        if (params.containsKey("session.save-mode")) {
            b.saveMode(SaveMode.parse(params.get("session.save-mode")));
        }
        if (bool("session.fingerprint", false)) {
            ClientFingerprint usual = ClientFingerprint.defaults();
            b.fingerprint(new ClientFingerprint(
                    params.containsKey("session.fingerprint.ipv4-prefix-bits")
                            ? integer("session.fingerprint.ipv4-prefix-bits") : usual.ipv4PrefixBits(),
                    params.containsKey("session.fingerprint.ipv6-prefix-bits")
                            ? integer("session.fingerprint.ipv6-prefix-bits") : usual.ipv6PrefixBits()));
        }
        if (params.containsKey("session.max-per-principal")) {
            b.maxSessionsPerPrincipal(integer("session.max-per-principal"));
        }
        for (String className : list("session.listeners")) {
            b.listener(instantiate(className, loader));
        }
        return b.build();
    }

    private static EventListener instantiate(String className, ClassLoader loader) {
        try {
            Object listener = Class.forName(className, true, loader).getDeclaredConstructor().newInstance();
            if (listener instanceof EventListener l) {
                return l;
            }
            throw new IllegalArgumentException("session.listeners: " + className + " is not a session listener");
        } catch (ClassNotFoundException | NoSuchMethodException | InstantiationException | IllegalAccessException
                 | InvocationTargetException e) {
            throw new IllegalArgumentException("session.listeners: cannot create " + className + " with a public"
                    + " no-argument constructor (" + e + ")", e);
        }
    }

    private String get(String name, String fallback) {
        String v = params.get(name);
        return v == null || v.isBlank() ? fallback : v.trim();
    }

    private List<String> list(String name) {
        List<String> items = new ArrayList<>();
        for (String part : get(name, "").split(",")) {
            if (!part.isBlank()) {
                items.add(part.trim());
            }
        }
        return items;
    }

    private int integer(String name) {
        try {
            return Integer.parseInt(get(name, ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got \"" + params.get(name) + "\"");
        }
    }

    private boolean bool(String name, boolean fallback) {
        String v = get(name, null);
        if (v == null) {
            return fallback;
        }
        if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException(name + " must be true or false, got \"" + v + "\"");
        }
        return Boolean.parseBoolean(v);
    }

    private Optional<Duration> duration(String name) {
        String v = get(name, null);
        return v == null ? Optional.empty() : Optional.of(DurationText.parse(name, v));
    }
}
