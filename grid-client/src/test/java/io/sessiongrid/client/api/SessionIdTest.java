package io.sessiongrid.client.api;

import io.sessiongrid.client.core.SecureRandomIdGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SessionIdTest {
    private final SecureRandomIdGenerator ids = new SecureRandomIdGenerator();

    @Test
    void issuedIdsAre43UrlSafeCharactersAndParseBack() {
        for (int i = 0; i < 1000; i++) {
            SessionId id = ids.next();
            assertEquals(43, id.value().length());
            assertTrue(id.value().matches("[A-Za-z0-9_-]{43}"));
            assertEquals(id, SessionId.parse(id.value()));
        }
    }

    @Test
    void idsDoNotRepeatAndUseTheWholeAlphabet() {
        Set<String> seen = new HashSet<>();
        Set<Character> alphabet = new HashSet<>();
        for (int i = 0; i < 20_000; i++) {
            String v = ids.next().value();
            assertTrue(seen.add(v));
            for (int c = 0; c < 42; c++) {
                alphabet.add(v.charAt(c));
            }
        }
        assertEquals(64, alphabet.size());
    }

    @Test
    void theKeyIsAHashThatDoesNotContainTheToken() {
        SessionId id = ids.next();
        assertEquals(43, id.key().value().length());
        assertNotEquals(id.value(), id.key().value());
        assertEquals(id.key(), SessionId.parse(id.value()).key(), "the key is a function of the token");
        assertFalse(id.toString().contains(id.value()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "short", "abc+def/ghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ",
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\u00e9",
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAB",
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA ", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\u0000"})
    void malformedIdsAreRejectedWithoutEchoingThem(String text) {
        MalformedSessionIdException e = assertThrows(MalformedSessionIdException.class, () -> SessionId.parse(text));
        assertFalse(!text.isEmpty() && e.getMessage().contains(text), e.getMessage());
    }

    @Test
    void missingIdIsRejected() {
        assertThrows(MalformedSessionIdException.class, () -> SessionId.parse(null));
    }

    @Test
    void overLongIdIsRejectedByLength() {
        MalformedSessionIdException e = assertThrows(MalformedSessionIdException.class,
                () -> SessionId.parse("A".repeat(100_000)));
        assertTrue(e.getMessage().contains("100000"), e.getMessage());
    }
}
