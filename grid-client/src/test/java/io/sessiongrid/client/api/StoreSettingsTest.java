package io.sessiongrid.client.api;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StoreSettingsTest {
    @Test
    void defaultsAreSafe() {
        StoreSettings s = StoreSettings.defaults();
        assertEquals(ReadMode.VALIDATED, s.readMode());
        assertEquals(Duration.ofMinutes(30), s.defaultMaxInactiveInterval());
        assertEquals("sessions", s.mapName());
        assertTrue(s.maxAttributeBytes() <= s.maxSessionBytes());
    }

    @Test
    void badValuesNameTheirKey() {
        assertMessage("session.map-name", () -> StoreSettings.builder().mapName("bad name"));
        assertMessage("session.max-inactive-interval",
                () -> StoreSettings.builder().defaultMaxInactiveInterval(Duration.ofSeconds(-1)));
        assertMessage("session.max-attribute-bytes", () -> StoreSettings.builder().maxAttributeBytes(0));
        assertMessage("session.allowed-classes", () -> StoreSettings.builder().allowClasses("com.example.*;!*"));
        assertMessage("session.touch-interval", () -> StoreSettings.builder().touchInterval(Duration.ZERO));
        assertMessage("session.max-attribute-bytes",
                () -> StoreSettings.builder().maxSessionBytes(10).maxAttributeBytes(20).build());
    }

    @Test
    void toBuilderKeepsEverySetting() {
        StoreSettings s = StoreSettings.builder().mapName("sessions-shop").readMode(ReadMode.STICKY)
                .allowClasses("com.example.**").maxLifetime(Duration.ofHours(8)).build();
        StoreSettings copy = s.toBuilder().build();
        assertEquals(s.mapName(), copy.mapName());
        assertEquals(s.readMode(), copy.readMode());
        assertEquals(s.allowedClasses(), copy.allowedClasses());
        assertEquals(s.maxLifetime(), copy.maxLifetime());
    }

    private static void assertMessage(String key, Runnable r) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        assertTrue(e.getMessage().contains(key), e.getMessage());
    }
}
