package io.sessiongrid.client.api;

import io.sessiongrid.client.core.SecureRandomIdGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

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

    /**
     * A million ids: none repeats, every one of the 42 full positions takes all 64 symbols, and each symbol's
     * share over those positions is within 1% of 1/64 (the expected spread is about 0.13%, so this fails only
     * for a biased generator). The 43rd character carries 2 bits and so takes 16 symbols.
     */
    @Test
    void aMillionIdsDoNotRepeatAndUseTheWholeAlphabetEvenly() {
        int count = 1_000_000;
        Set<String> seen = new HashSet<>(2 * count);
        long[][] perPosition = new long[43][128];
        long[] overall = new long[128];
        for (int i = 0; i < count; i++) {
            String v = ids.next().value();
            assertTrue(seen.add(v), "duplicate id after " + i);
            for (int c = 0; c < 43; c++) {
                perPosition[c][v.charAt(c)]++;
                if (c < 42) {
                    overall[v.charAt(c)]++;
                }
            }
        }
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (int c = 0; c < 42; c++) {
            for (char symbol : alphabet.toCharArray()) {
                assertTrue(perPosition[c][symbol] > 0, "symbol " + symbol + " never at position " + c);
            }
        }
        double expected = 42.0 * count / 64;
        for (char symbol : alphabet.toCharArray()) {
            assertEquals(expected, overall[symbol], expected * 0.01, "share of " + symbol);
        }
        long lastSymbols = alphabet.chars().filter(symbol -> perPosition[42][symbol] > 0).count();
        assertEquals(16, lastSymbols);
    }

    @Test
    void theKeyIsAHashThatDoesNotContainTheToken() {
        SessionId id = ids.next();
        assertEquals(43, id.key().value().length());
        assertNotEquals(id.value(), id.key().value());
        assertEquals(id.key(), SessionId.parse(id.value()).key(), "the key is a function of the token");
        assertFalse(id.toString().contains(id.value()));
    }

    @Test
    void theKeyIsTheTokensSha256InUrlSafeBase64EvenWhenManyThreadsHashAtOnce() throws Exception {
        SessionId fixed = SessionId.parse("A".repeat(SessionId.LENGTH));
        assertEquals("DwBzhbb51LfusnSGBa_hqYSgo7-j8BTQnip4TOnlzRo", fixed.key().value(), "the SHA-256 test value");

        List<String> tokens = IntStream.range(0, 2_000).mapToObj(i -> ids.next().value()).toList();
        List<String> alone = tokens.stream().map(t -> SessionId.parse(t).key().value()).toList();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> together = new ArrayList<>();
            for (String t : tokens) {
                together.add(pool.submit(() -> SessionId.parse(t).key().value()));
            }
            for (int i = 0; i < tokens.size(); i++) {
                assertEquals(alone.get(i), together.get(i).get(), "a key computed alongside others");
            }
        } finally {
            pool.shutdownNow();
        }
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
    void exactlyTheUrlSafeBase64AlphabetIsAcceptedAmongAllCharacters() {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        String rest = "A".repeat(SessionId.LENGTH - 1);
        for (char c = 0; c < Character.MAX_VALUE; c++) {
            String text = c + rest;
            if (alphabet.indexOf(c) >= 0) {
                assertEquals(text, SessionId.parse(text).value());
            } else {
                assertThrows(MalformedSessionIdException.class, () -> SessionId.parse(text), "character " + (int) c);
            }
        }
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
