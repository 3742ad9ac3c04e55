package io.sessiongrid.servlet;

import io.micrometer.core.instrument.MeterRegistry;
import io.sessiongrid.client.config.Setting;
import io.sessiongrid.client.config.SettingValues;
import jakarta.servlet.http.HttpSessionAttributeListener;
import jakarta.servlet.http.HttpSessionIdListener;
import jakarta.servlet.http.HttpSessionListener;

import java.lang.reflect.InvocationTargetException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EventListener;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How the session filter behaves on the web side. Immutable; the builder validates eagerly and names the key
 * (the init-param name) in its messages.
 */
public final class SessionFilterSettings {
    private static final Pattern HEADER = Pattern.compile("[A-Za-z0-9-]{1,64}");

    private final CookieSettings cookie;
    private final String header;
    private final List<String> lockedPaths;
    private final Duration lockWait;
    private final List<EventListener> listeners;
    private final ClientFingerprint fingerprint;
    private final int maxSessionsPerPrincipal;
    private final MeterRegistry meterRegistry;
    private final SaveMode saveMode;
    private final List<SessionIdResolver> idResolvers;

    private SessionFilterSettings(Builder b) {
        this.cookie = b.cookie;
        this.header = b.header;
        this.lockedPaths = List.copyOf(b.lockedPaths);
        this.lockWait = b.lockWait;
        this.saveMode = b.saveMode;
        this.listeners = List.copyOf(b.listeners);
        this.fingerprint = b.fingerprint;
        this.maxSessionsPerPrincipal = b.maxSessionsPerPrincipal;
        this.meterRegistry = b.meterRegistry;
        List<SessionIdResolver> resolvers = new ArrayList<>(b.idResolvers);
        if (resolvers.isEmpty()) {
            if (header != null) {
                resolvers.add(new HeaderSessionIdResolver(header));
            }
            resolvers.add(new CookieSessionIdResolver(cookie));
        }
        this.idResolvers = List.copyOf(resolvers);
    }

    /**
     * How ids travel, most preferred first: those given to {@link Builder#idResolver}, or else the
     * {@link #header() header} (when set) and then the {@link #cookie() cookie}.
     */
    public List<SessionIdResolver> idResolvers() {
        return idResolvers;
    }

    /**
     * Where the filter's meters go, or null: then the filter looks for a registry in the servlet-context
     * attribute {@code io.micrometer.core.instrument.MeterRegistry}, and records nothing if there is none.
     */
    public MeterRegistry meterRegistry() {
        return meterRegistry;
    }

    /** {@code session.save-mode}: what a request writes back; {@link SaveMode#ON_CHANGE} by default. */
    public SaveMode saveMode() {
        return saveMode;
    }

    /** {@code session.fingerprint}: binds sessions to their client, or null (off, the default). */
    public ClientFingerprint fingerprint() {
        return fingerprint;
    }

    /**
     * {@code session.max-per-principal}: when a principal has more live sessions, its oldest end; 0 (default)
     * means no limit. Concurrent logins may exceed it until the next login of that principal.
     */
    public int maxSessionsPerPrincipal() {
        return maxSessionsPerPrincipal;
    }

    /**
     * The web-side settings a component was given through the registry (the filter's init-params, the Spring Boot
     * starter's properties), in a builder for what configuration cannot say (a meter registry, id channels);
     * listener classes are loaded with {@code loader}.
     *
     * @throws io.sessiongrid.client.config.SettingException naming the key as the user wrote it
     */
    public static Builder configured(SettingValues values, ClassLoader loader) {
        CookieSettings cookie = values.checked(() -> new CookieSettings(
                values.text(Setting.COOKIE_NAME).orElseThrow(),
                values.text(Setting.COOKIE_PATH).orElse(null), values.text(Setting.COOKIE_DOMAIN).orElse(null),
                values.bool(Setting.COOKIE_HTTP_ONLY).orElseThrow(), values.bool(Setting.COOKIE_SECURE).orElse(null),
                values.choice(Setting.COOKIE_SAME_SITE).orElseThrow(),
                values.duration(Setting.COOKIE_MAX_AGE).orElse(null),
                values.bool(Setting.COOKIE_PARTITIONED).orElseThrow()));
        SessionFilterSettings.Builder b = SessionFilterSettings.builder().cookie(cookie);
        values.apply(Setting.SESSION_HEADER, values.text(Setting.SESSION_HEADER), b::header);
        for (String path : values.list(Setting.SESSION_LOCKED_PATHS)) {
            values.apply(Setting.SESSION_LOCKED_PATHS, Optional.of(path), b::lockedPath);
        }
        values.apply(Setting.SESSION_LOCK_WAIT, values.duration(Setting.SESSION_LOCK_WAIT), b::lockWait);
        values.apply(Setting.SESSION_SAVE_MODE, values.choice(Setting.SESSION_SAVE_MODE),
                mode -> b.saveMode(SaveMode.parse(mode)));
        // Both prefixes are read even when fingerprints are off: a wrong value fails now, not when they are turned on.
        ClientFingerprint fingerprint = values.checked(() -> new ClientFingerprint(
                values.integer(Setting.SESSION_FINGERPRINT_IPV4_PREFIX_BITS).orElseThrow(),
                values.integer(Setting.SESSION_FINGERPRINT_IPV6_PREFIX_BITS).orElseThrow()));
        if (values.bool(Setting.SESSION_FINGERPRINT).orElseThrow()) {
            b.fingerprint(fingerprint);
        }
        values.apply(Setting.SESSION_MAX_PER_PRINCIPAL, values.integer(Setting.SESSION_MAX_PER_PRINCIPAL),
                b::maxSessionsPerPrincipal);
        for (String className : values.list(Setting.SESSION_LISTENERS)) {
            values.apply(Setting.SESSION_LISTENERS, Optional.of(className), c -> b.listener(instantiate(c, loader)));
        }
        return b;
    }

    private static EventListener instantiate(String className, ClassLoader loader) {
        try {
            Object listener = Class.forName(className, true, loader).getDeclaredConstructor().newInstance();
            if (listener instanceof EventListener l) {
                return l;
            }
            throw new IllegalArgumentException(className + " is not a session listener");
        } catch (ClassNotFoundException | NoSuchMethodException | InstantiationException | IllegalAccessException
                 | InvocationTargetException e) {
            throw new IllegalArgumentException("cannot create " + className + " with a public no-argument"
                    + " constructor (" + e + ")", e);
        }
    }

    public static SessionFilterSettings defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public CookieSettings cookie() {
        return cookie;
    }

    /** {@code session.header}: a request header that carries the id for API clients, or null (off). */
    public String header() {
        return header;
    }

    /**
     * {@code session.locked-paths}: servlet path patterns ({@code /exact}, {@code /prefix/*}, {@code *.ext}) whose
     * requests run one at a time per session, under the session's grid lock.
     */
    public List<String> lockedPaths() {
        return lockedPaths;
    }

    /** {@code session.lock-wait}: how long a locked request waits for its turn before a 503; 10 s. */
    public Duration lockWait() {
        return lockWait;
    }

    /**
     * {@code session.listeners}: HttpSessionListener, HttpSessionAttributeListener and HttpSessionIdListener
     * instances the filter calls (listeners registered with the container reach only the container's own
     * sessions).
     */
    public List<EventListener> listeners() {
        return listeners;
    }

    /** Whether a request path (relative to the context) falls under a locked pattern. */
    public boolean isLocked(String path) {
        for (String pattern : lockedPaths) {
            if (matches(pattern, path)) {
                return true;
            }
        }
        return false;
    }

    /** Servlet mapping rules: {@code /prefix/*} covers {@code /prefix} and below; {@code *.ext} a suffix. */
    private static boolean matches(String pattern, String path) {
        if (pattern.endsWith("/*")) {
            String prefix = pattern.substring(0, pattern.length() - 2);
            return path.equals(prefix) || path.startsWith(prefix + "/");
        }
        if (pattern.startsWith("*.")) {
            return path.endsWith(pattern.substring(1));
        }
        return path.equals(pattern);
    }

    /** Not thread safe. */
    public static final class Builder {
        private CookieSettings cookie = CookieSettings.defaults();
        private String header;
        private final List<String> lockedPaths = new ArrayList<>();
        private Duration lockWait = Duration.ofSeconds(10);
        private final List<EventListener> listeners = new ArrayList<>();
        private ClientFingerprint fingerprint;
        private int maxSessionsPerPrincipal;
        private MeterRegistry meterRegistry;
        private SaveMode saveMode = SaveMode.ON_CHANGE;
        private final List<SessionIdResolver> idResolvers = new ArrayList<>();

        private Builder() {
        }

        /**
         * Adds a channel for ids, tried after those added before. Once one is added, the cookie and header
         * channels are not used unless added too (as {@link CookieSessionIdResolver} and
         * {@link HeaderSessionIdResolver}), so {@link #cookie} and {@link #header} no longer apply.
         */
        public Builder idResolver(SessionIdResolver resolver) {
            idResolvers.add(Objects.requireNonNull(resolver, "resolver"));
            return this;
        }

        public Builder cookie(CookieSettings cookie) {
            this.cookie = Objects.requireNonNull(cookie, "cookie");
            return this;
        }

        public Builder header(String name) {
            if (name != null && !HEADER.matcher(name).matches()) {
                throw new IllegalArgumentException("session.header must be a header name of [A-Za-z0-9-], got "
                        + name);
            }
            this.header = name;
            return this;
        }

        public Builder lockedPath(String pattern) {
            if (pattern == null || !(pattern.startsWith("/") || pattern.startsWith("*."))) {
                throw new IllegalArgumentException("session.locked-paths entries are /exact, /prefix/* or *.ext,"
                        + " got " + pattern);
            }
            lockedPaths.add(pattern);
            return this;
        }

        public Builder lockWait(Duration wait) {
            if (wait == null || wait.isNegative() || wait.isZero()) {
                throw new IllegalArgumentException("session.lock-wait must be positive, got " + wait);
            }
            this.lockWait = wait;
            return this;
        }

        /** Adds a session listener; anything else is refused. */
        public Builder listener(EventListener listener) {
            if (!(listener instanceof HttpSessionListener || listener instanceof HttpSessionAttributeListener
                    || listener instanceof HttpSessionIdListener)) {
                throw new IllegalArgumentException("session.listeners takes HttpSessionListener,"
                        + " HttpSessionAttributeListener or HttpSessionIdListener, got " + listener);
            }
            listeners.add(listener);
            return this;
        }

        public Builder fingerprint(ClientFingerprint fingerprint) {
            this.fingerprint = fingerprint;
            return this;
        }

        public Builder meterRegistry(MeterRegistry registry) {
            this.meterRegistry = Objects.requireNonNull(registry, "registry");
            return this;
        }

        public Builder saveMode(SaveMode mode) {
            this.saveMode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        public Builder maxSessionsPerPrincipal(int max) {
            if (max < 0) {
                throw new IllegalArgumentException("session.max-per-principal must be 0 (no limit) or more, got "
                        + max);
            }
            this.maxSessionsPerPrincipal = max;
            return this;
        }

        public SessionFilterSettings build() {
            return new SessionFilterSettings(this);
        }
    }
}
