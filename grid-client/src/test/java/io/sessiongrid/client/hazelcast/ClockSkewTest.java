package io.sessiongrid.client.hazelcast;

import io.sessiongrid.client.api.ReadMode;
import io.sessiongrid.client.api.Session;
import io.sessiongrid.client.api.SessionChanges;
import io.sessiongrid.client.api.SessionInfo;
import io.sessiongrid.client.api.SessionNotFoundException;
import io.sessiongrid.client.api.SessionStore;
import io.sessiongrid.client.api.StoreSettings;
import io.sessiongrid.client.testing.SharedGrid;
import io.sessiongrid.client.testing.SharedGridResolver;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Application instances whose clocks are minutes off (set with {@link StoreSettings.Builder#clock}) beside an honest
 * one, in both read modes: the owner's clock decides creation, access and expiry, so a skewed instance never ends,
 * hides, revives or prolongs a session on another instance's behalf.
 */
@ExtendWith(SharedGridResolver.class)
class ClockSkewTest {
    private static final Duration SKEW = Duration.ofMinutes(11);
    private static final Duration IDLE = Duration.ofMinutes(10);
    private static final Duration SLACK = Duration.ofSeconds(30);

    @ParameterizedTest
    @EnumSource(ReadMode.class)
    void anInstanceWhoseClockIsAheadNeitherHidesNorEndsNorProlongsALiveSession(ReadMode mode, SharedGrid grid) {
        String map = grid.nextMapName();
        try (SessionStore honest = grid.clientA().openStore(settings(map, mode, Clock.systemUTC()));
             SessionStore fast = grid.clientB().openStore(settings(map, mode, skewed(SKEW)))) {
            List<String> expired = new CopyOnWriteArrayList<>();
            honest.addExpiryListener(s -> expired.add(s.key().value()));
            Session s = honest.create(SessionChanges.builder().set("user", "ann").build());
            for (int i = 0; i < 3; i++) {
                Session seen = fast.find(s.id()).orElseThrow(() -> new AssertionError("a live session was hidden"));
                assertEquals(s.id(), seen.id());
                assertEquals("ann", seen.attribute("user"));
            }
            fast.apply(s.id(), SessionChanges.builder().set("cart", 1).accessed().build());
            assertTrue(fast.touch(s.id()));
            assertEquals(1, honest.find(s.id()).orElseThrow().attribute("cart"));
            SessionInfo owner = honest.describe(s.key()).orElseThrow();
            assertTrue(owner.expiresAt().orElseThrow().isBefore(Instant.now().plus(IDLE).plus(SLACK)),
                    "not prolonged by the fast clock: " + owner.expiresAt());
            await("no expiry reported for a live session").during(Duration.ofSeconds(1))
                    .atMost(Duration.ofSeconds(3)).until(expired::isEmpty);
        }
    }

    @ParameterizedTest
    @EnumSource(ReadMode.class)
    void anInstanceWhoseClockIsBehindNeverRevivesAnExpiredSession(ReadMode mode, SharedGrid grid) {
        String map = grid.nextMapName();
        try (SessionStore honest = grid.clientA().openStore(settings(map, mode, Clock.systemUTC()));
             SessionStore slow = grid.clientB().openStore(settings(map, mode, skewed(SKEW.negated())))) {
            Session s = honest.create(SessionChanges.builder().set("user", "ann")
                    .maxInactiveInterval(Duration.ofSeconds(2)).build());
            assertEquals("ann", slow.find(s.id()).orElseThrow().attribute("user"));
            assertTrue(slow.touch(s.id()));
            Instant expiresAt = honest.describe(s.key()).orElseThrow().expiresAt().orElseThrow();
            await("the session's idle limit passed").atMost(Duration.ofSeconds(10))
                    .until(() -> Instant.now().isAfter(expiresAt.plusMillis(300)));
            assertThrows(SessionNotFoundException.class, () -> slow.apply(s.id(),
                    SessionChanges.builder().set("cart", 1).build()), "a write does not revive it");
            assertFalse(slow.touch(s.id()), "nor does a touch");
            assertTrue(slow.find(s.id()).isEmpty(), "the slow instance does not serve it");
            assertTrue(honest.find(s.id()).isEmpty());
        }
    }

    @ParameterizedTest
    @EnumSource(ReadMode.class)
    void sessionsCreatedWhereTheClockIsOffLiveOnTheOwnersTime(ReadMode mode, SharedGrid grid) {
        String map = grid.nextMapName();
        try (SessionStore honest = grid.clientA().openStore(settings(map, mode, Clock.systemUTC()));
             SessionStore fast = grid.clientB().openStore(settings(map, mode, skewed(SKEW)));
             SessionStore slow = grid.embedded().openStore(settings(map, mode, skewed(SKEW.negated())))) {
            for (SessionStore skewed : List.of(fast, slow)) {
                Session s = skewed.create(SessionChanges.builder().set("user", "ann").build());
                SessionInfo owner = honest.describe(s.key()).orElseThrow();
                Instant now = Instant.now();
                assertTrue(Duration.between(owner.createdAt(), now).abs().compareTo(SLACK) < 0,
                        "created at " + owner.createdAt() + ", owner's time " + now);
                assertTrue(Duration.between(owner.expiresAt().orElseThrow(), now.plus(IDLE)).abs()
                        .compareTo(SLACK) < 0, "expires " + owner.expiresAt());
                assertEquals("ann", honest.find(s.id()).orElseThrow().attribute("user"));
            }
        }
    }

    private static StoreSettings settings(String map, ReadMode mode, Clock clock) {
        return StoreSettings.builder().mapName(map).readMode(mode).defaultMaxInactiveInterval(IDLE)
                .touchInterval(Duration.ofSeconds(1)).clock(clock).build();
    }

    private static Clock skewed(Duration by) {
        return Clock.offset(Clock.systemUTC(), by);
    }
}
