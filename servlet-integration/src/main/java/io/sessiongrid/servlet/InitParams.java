package io.sessiongrid.servlet;

import io.sessiongrid.client.api.StoreSettings;
import io.sessiongrid.client.config.Channel;
import io.sessiongrid.client.config.Component;
import io.sessiongrid.client.config.Setting;
import io.sessiongrid.client.config.SettingValues;
import io.sessiongrid.client.hazelcast.ClientSettings;
import io.sessiongrid.client.hazelcast.MemberSettings;

import java.util.LinkedHashMap;
import java.util.Map;

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
        return values.checked(ClientSettings.configured(values)::build);
    }

    /** How {@code grid.mode=embedded} joins. */
    MemberSettings member() {
        return values.checked(MemberSettings.configured(values)::build);
    }

    StoreSettings store() {
        return values.checked(StoreSettings.configured(values)::build);
    }

    SessionFilterSettings web(ClassLoader loader) {
        return values.checked(SessionFilterSettings.configured(values, loader)::build);
    }
}
