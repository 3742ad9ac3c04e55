package io.sessiongrid.servlet;

import io.sessiongrid.client.api.StoreSettings;
import io.sessiongrid.client.config.Channel;
import io.sessiongrid.client.config.Component;
import io.sessiongrid.client.config.Setting;
import io.sessiongrid.client.config.SettingValues;
import io.sessiongrid.client.hazelcast.ClientSettings;
import io.sessiongrid.client.hazelcast.MemberSettings;

import java.lang.reflect.InvocationTargetException;
import java.util.EventListener;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the filter's init-params (web.xml, or {@code FilterRegistration.setInitParameter}) and context-params
 * ({@code io.sessiongrid.}-prefixed, which {@code SessionGridInitializer} passes on as they are) through the settings
 * registry. Parses only: connecting is the filter's job. Every value is checked here, before anything connects; an
 * unknown key is an error naming it as the user wrote it, so a typo never falls back to a default silently.
 */
final class InitParams {
    /** The ServletContext attribute that holds the HazelcastInstance for {@code grid.mode=instance}, by default. */
    static final String INSTANCE_ATTRIBUTE = "io.sessiongrid.hazelcast";

    /** Where the sessions live, from {@code grid.mode}. */
    enum Mode {
        CLIENT, EMBEDDED, INSTANCE, LOCAL
    }

    private final SettingValues values;

    InitParams(Map<String, String> params) {
        Map<String, String> initParams = new LinkedHashMap<>();
        Map<String, String> contextParams = new LinkedHashMap<>();
        params.forEach((name, value) -> (Channel.CONTEXT_PARAM.isOurs(name) ? contextParams : initParams)
                .put(name, value));
        this.values = SettingValues.read(Component.FILTER, Channel.INIT_PARAM, initParams)
                .overriddenBy(SettingValues.read(Component.FILTER, Channel.CONTEXT_PARAM, contextParams));
        // Fail on every value now, not when the grid is reached.
        store();
        client();
        member();
    }

    Mode mode() {
        return Mode.valueOf(values.choice(Setting.GRID_MODE).orElseThrow().toUpperCase(java.util.Locale.ROOT));
    }

    /** {@code grid.mode=instance}: the attribute that holds the application's HazelcastInstance. */
    String instanceAttribute() {
        return values.text(Setting.GRID_INSTANCE_ATTRIBUTE).orElseThrow();
    }

    /** How {@code grid.mode=client} connects. */
    ClientSettings client() {
        ClientSettings.Builder b = ClientSettings.configured(values);
        mapPatternFromMapName().ifPresent(b::sessionMaps);
        return values.checked(b::build);
    }

    /** How {@code grid.mode=embedded} joins. */
    MemberSettings member() {
        MemberSettings.Builder b = MemberSettings.configured(values);
        mapPatternFromMapName().ifPresent(b::sessionMaps);
        return values.checked(b::build);
    }

    /** With only {@code session.map-name} given, the map it names is the session map, whatever it is called. */
    private Optional<String> mapPatternFromMapName() {
        return values.isGiven(Setting.SESSION_MAP_NAME) && !values.isGiven(Setting.SESSION_MAP_NAMES)
                ? values.text(Setting.SESSION_MAP_NAME) : Optional.empty();
    }

    StoreSettings store() {
        return values.checked(StoreSettings.configured(values)::build);
    }

    SessionFilterSettings web(ClassLoader loader) {
        CookieSettings cookie = values.checked(() -> new CookieSettings(values.text(Setting.COOKIE_NAME).orElseThrow(),
                values.text(Setting.COOKIE_PATH).orElse(null), values.text(Setting.COOKIE_DOMAIN).orElse(null),
                values.bool(Setting.COOKIE_HTTP_ONLY).orElseThrow(), values.bool(Setting.COOKIE_SECURE).orElse(null),
                values.choice(Setting.COOKIE_SAME_SITE).orElseThrow(), values.duration(Setting.COOKIE_MAX_AGE).orElse(null),
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
        return values.checked(b::build);
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
}
