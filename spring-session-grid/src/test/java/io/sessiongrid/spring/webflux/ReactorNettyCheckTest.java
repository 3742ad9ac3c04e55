package io.sessiongrid.spring.webflux;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReactorNettyCheckTest {
    @Test
    void versionsBeforeTheFixAreNamedWithTheFix() {
        String warning = ReactorNettyCheck.warning("1.3.6").orElseThrow();
        assertTrue(warning.contains("Reactor Netty 1.3.6") && warning.contains("1.3.8 or later"), warning);
        assertTrue(ReactorNettyCheck.warning("1.2.18").isPresent());
        assertTrue(ReactorNettyCheck.warning("1.3.7").isPresent());
    }

    @Test
    void fixedUnknownAndUnreadableVersionsPassQuietly() {
        assertEquals(java.util.Optional.empty(), ReactorNettyCheck.warning("1.3.8"));
        assertTrue(ReactorNettyCheck.warning("1.3.10").isEmpty());
        assertTrue(ReactorNettyCheck.warning("1.4.0-M1").isEmpty());
        assertTrue(ReactorNettyCheck.warning("2.0.0").isEmpty());
        assertTrue(ReactorNettyCheck.warning((String) null).isEmpty());
        assertTrue(ReactorNettyCheck.warning("snapshot").isEmpty());
    }

    @Test
    void theReactorNettyTheseTestsRunOnIsAFixedOne() {
        assertTrue(ReactorNettyCheck.warning(getClass().getClassLoader()).isEmpty(),
                () -> ReactorNettyCheck.warning(getClass().getClassLoader()).orElseThrow());
    }
}
