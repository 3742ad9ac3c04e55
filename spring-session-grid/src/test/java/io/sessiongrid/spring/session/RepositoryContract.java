package io.sessiongrid.spring.session;

import io.sessiongrid.client.api.AttributeTooLargeException;
import io.sessiongrid.client.api.SessionStore;
import io.sessiongrid.client.api.StoreSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.events.SessionCreatedEvent;
import org.springframework.session.events.SessionDeletedEvent;
import org.springframework.session.events.SessionExpiredEvent;

import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The guarantees the store contract ({@code SessionStoreContract}) and Spring Session's repository model share,
 * checked through {@link GridSessionRepository}: once over the in-process store, once over a real grid.
 */
abstract class RepositoryContract {
    private final List<SessionStore> opened = new CopyOnWriteArrayList<>();
    final List<Object> events = new CopyOnWriteArrayList<>();
    private GridSessionRepository repository;

    /** A store on a map of its own for each test. */
    abstract SessionStore open(StoreSettings settings);

    @BeforeEach
    void openRepository() {
        repository = repository(StoreSettings.builder().maxAttributeBytes(4_096).build());
    }

    GridSessionRepository repository(StoreSettings settings) {
        SessionStore store = open(settings);
        opened.add(store);
        return new GridSessionRepository(store, events::add);
    }

    @AfterEach
    void close() {
        opened.forEach(SessionStore::close);
    }

    @Test
    void aSavedSessionIsFoundWithItsAttributesAndItsCreationIsPublished() {
        GridSpringSession s = repository.createSession();
        s.setAttribute("user", "ann");
        s.setAttribute("cart", List.of(1, 2));
        repository.save(s);
        GridSpringSession found = repository.findById(s.getId());
        assertEquals("ann", found.getAttribute("user"));
        assertEquals(List.of(1, 2), found.getAttribute("cart"));
        assertEquals(s.getCreationTime(), found.getCreationTime());
        assertTrue(events.stream().anyMatch(e -> e instanceof SessionCreatedEvent c
                && c.getSessionId().equals(s.getId())));
    }

    @Test
    void savesOfDistinctAttributesFromTwoReadsAreBothKept() {
        GridSpringSession s = repository.createSession();
        repository.save(s);
        GridSpringSession first = repository.findById(s.getId());
        GridSpringSession second = repository.findById(s.getId());
        first.setAttribute("a", 1);
        second.setAttribute("b", 2);
        repository.save(first);
        repository.save(second);
        GridSpringSession read = repository.findById(s.getId());
        assertEquals(1, (Integer) read.getAttribute("a"));
        assertEquals(2, (Integer) read.getAttribute("b"), "the second save did not write the stale snapshot back");
    }

    @Test
    void aRemovedAttributeIsGoneAndAnUnchangedSessionWritesNothing() {
        GridSpringSession s = repository.createSession();
        s.setAttribute("a", 1);
        s.setAttribute("b", 2);
        repository.save(s);
        GridSpringSession read = repository.findById(s.getId());
        read.removeAttribute("a");
        repository.save(read);
        assertEquals(Set.of("b"), repository.findById(s.getId()).getAttributeNames());
        GridSpringSession untouched = repository.findById(s.getId());
        assertFalse(untouched.hasUnsavedChanges(), "reading alone leaves nothing to write");
    }

    @Test
    void changingTheIdKeepsTheAttributesAndKillsTheOldId() {
        GridSpringSession s = repository.createSession();
        s.setAttribute("cart", "book");
        repository.save(s);
        String old = s.getId();
        String next = s.changeSessionId();
        s.setAttribute("after", "yes");
        repository.save(s);
        assertNotEquals(old, next);
        assertNull(repository.findById(old));
        GridSpringSession moved = repository.findById(next);
        assertEquals("book", moved.getAttribute("cart"));
        assertEquals("yes", moved.getAttribute("after"));
    }

    @Test
    void deletingEndsTheSessionAndIsPublished() {
        GridSpringSession s = repository.createSession();
        repository.save(s);
        repository.deleteById(s.getId());
        assertNull(repository.findById(s.getId()));
        assertTrue(events.stream().anyMatch(e -> e instanceof SessionDeletedEvent d
                && d.getSessionId().equals(s.getId())));
    }

    @Test
    void theIdleLimitIsKeptAndAnIdleSessionExpiresOnceNeverFoundAgain() {
        GridSpringSession s = repository.createSession();
        s.setMaxInactiveInterval(Duration.ofMinutes(7));
        repository.save(s);
        assertEquals(Duration.ofMinutes(7), repository.findById(s.getId()).getMaxInactiveInterval());

        GridSpringSession brief = repository.createSession();
        brief.setMaxInactiveInterval(Duration.ofSeconds(1));
        repository.save(brief);
        // No reads while waiting: a read is an access, which would keep the session alive. Counting is not one,
        // and makes the in-process store, which has no sweeper, drop what expired.
        await("one expiry event").atMost(Duration.ofSeconds(30)).until(() -> {
            opened.forEach(SessionStore::count);
            return events.stream().filter(e -> e instanceof SessionExpiredEvent).count() == 1;
        });
        assertNull(repository.findById(brief.getId()));
    }

    @Test
    void malformedAndUnknownIdsFindNothing() {
        for (String id : new String[] {"", "x", "A".repeat(43), "../../etc/passwd", "A".repeat(5000)}) {
            assertNull(repository.findById(id), id);
        }
    }

    @Test
    void anAttributeOverTheLimitIsRefusedAndNothingOfThatSaveIsWritten() {
        GridSpringSession s = repository.createSession();
        repository.save(s);
        GridSpringSession read = repository.findById(s.getId());
        read.setAttribute("small", "ok");
        byte[] noise = new byte[15_000];
        new Random(7).nextBytes(noise);
        read.setAttribute("big", Base64.getEncoder().encodeToString(noise));
        assertThrows(AttributeTooLargeException.class, () -> repository.save(read));
        assertNull(repository.findById(s.getId()).getAttribute("small"), "the save was all or nothing");
    }

    @Test
    void thePrincipalIndexFindsTheSessionByItsKey() {
        GridSpringSession s = repository.createSession();
        s.setAttribute(FindByIndexNameSessionRepository.PRINCIPAL_NAME_INDEX_NAME, "dora");
        s.setAttribute("cart", "book");
        repository.save(s);
        Map<String, GridSpringSession> found = repository.findByPrincipalName("dora");
        assertEquals(1, found.size());
        String key = found.keySet().iterator().next();
        assertNotNull(found.get(key).getAttributeNames());
        assertTrue(found.get(key).getAttributeNames().contains("cart"));
        assertTrue(repository.findByIndexNameAndIndexValue("other-index", "dora").isEmpty());
        repository.deleteById(key);
        assertNull(repository.findById(s.getId()), "deleted by its key");
    }
}
