package io.sessiongrid.servlet;

import io.sessiongrid.client.config.Channel;
import io.sessiongrid.client.config.Component;
import io.sessiongrid.client.config.Setting;
import io.sessiongrid.client.config.SettingKind;
import io.sessiongrid.servlet.testing.CountingListener;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The filter reads every setting the registry says it reads, through both its channels, with the registry's defaults. */
class InitParamsRegistryTest {
    /** Values for settings without a default, each valid on its own. */
    private static final Map<Setting, String> SAMPLES = Map.ofEntries(
            Map.entry(Setting.JOIN_MEMBERS, "127.0.0.1:5702"),
            Map.entry(Setting.JOIN_KUBERNETES_SERVICE_DNS, "grid.default.svc.cluster.local"),
            Map.entry(Setting.SESSION_ALLOWED_CLASSES, "com.example.Cart,com.example.**"),
            Map.entry(Setting.SESSION_ENCRYPTION_KEYS, "1:" + "A".repeat(22) + "=="),
            Map.entry(Setting.SESSION_LOCKED_PATHS, "/cart,/checkout/*"),
            Map.entry(Setting.SESSION_HEADER, "X-Session"),
            Map.entry(Setting.SESSION_LISTENERS, CountingListener.class.getName()),
            Map.entry(Setting.COOKIE_PATH, "/"),
            Map.entry(Setting.COOKIE_DOMAIN, "example.test"),
            Map.entry(Setting.COOKIE_SECURE, "true"),
            Map.entry(Setting.COOKIE_MAX_AGE, "1h"));
    private static final Map<SettingKind, String> BAD = Map.of(SettingKind.INTEGER, "5x", SettingKind.BYTES, "1MB",
            SettingKind.DURATION, "soon", SettingKind.BOOLEAN, "yes", SettingKind.CHOICE, "nonsense");

    @Test
    void everyFilterSettingIsReadAsAnInitParamAndAsAContextParam() {
        ClassLoader loader = getClass().getClassLoader();
        for (Setting s : Setting.values()) {
            if (!s.isReadBy(Component.FILTER)) {
                continue;
            }
            String value = s.defaultValue().orElseGet(() -> SAMPLES.get(s));
            assertTrue(value != null, "no sample for " + s.key());
            for (Channel channel : Component.FILTER.channels()) {
                String key = channel.spell(s.key());
                InitParams params = new InitParams(Map.of(key, value));
                params.web(loader);
                String bad = BAD.get(s.kind());
                if (bad != null) {
                    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> {
                        InitParams p = new InitParams(Map.of(key, bad));
                        p.mode();
                        p.web(loader);
                    }, key);
                    assertTrue(e.getMessage().startsWith(key + " must be"), e.getMessage());
                }
            }
        }
    }

    @Test
    void nothingGivenIsTheBuildersDefaults() {
        SessionFilterSettings web = new InitParams(Map.of()).web(getClass().getClassLoader());
        SessionFilterSettings usual = SessionFilterSettings.defaults();
        assertEquals(usual.cookie(), web.cookie());
        assertEquals(usual.header(), web.header());
        assertEquals(usual.lockedPaths(), web.lockedPaths());
        assertEquals(usual.lockWait(), web.lockWait());
        assertEquals(usual.saveMode(), web.saveMode());
        assertEquals(usual.fingerprint(), web.fingerprint());
        assertEquals(usual.maxSessionsPerPrincipal(), web.maxSessionsPerPrincipal());
        assertEquals(InitParams.Mode.CLIENT, new InitParams(Map.of()).mode());
        assertEquals(InitParams.INSTANCE_ATTRIBUTE, new InitParams(Map.of()).instanceAttribute());
        assertEquals("sessions*", new InitParams(Map.of()).client().sessionMaps());
        assertEquals("shop", new InitParams(Map.of("session.map-name", "shop")).member().sessionMaps(),
                "a map named alone is the session map");
    }
}
