package io.sessiongrid.client.contract;

import io.sessiongrid.client.api.AsyncSessionStore;
import io.sessiongrid.client.api.AttributeRejectedException;
import io.sessiongrid.client.api.AttributeTooLargeException;
import io.sessiongrid.client.api.EncryptionKeys;
import io.sessiongrid.client.api.ReadMode;
import io.sessiongrid.client.api.Session;
import io.sessiongrid.client.api.SessionChanges;
import io.sessiongrid.client.api.SessionGridException;
import io.sessiongrid.client.api.SessionId;
import io.sessiongrid.client.api.SessionInfo;
import io.sessiongrid.client.api.SessionKey;
import io.sessiongrid.client.api.SessionLock;
import io.sessiongrid.client.api.SessionLockTimeoutException;
import io.sessiongrid.client.api.SessionNotFoundException;
import io.sessiongrid.client.api.SessionStore;
import io.sessiongrid.client.api.SessionTooLargeException;
import io.sessiongrid.client.api.StoreObserver;
import io.sessiongrid.client.api.StoreSettings;
import io.sessiongrid.client.api.StoredValues;
import io.sessiongrid.client.core.SecureRandomIdGenerator;
import io.sessiongrid.client.testing.AllowedValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every {@link SessionStore} guarantees, one guarantee per test. Runs against the in-process store and
 * against the grid in each connection mode.
 */
public abstract class SessionStoreContract {
    private final List<SessionStore> opened = new ArrayList<>();
    private SessionStore store;

    /** Opens a store; stores opened with the same map name in one test see the same sessions. */
    protected abstract SessionStore open(StoreSettings settings);

    /** A map name for this test alone. */
    protected abstract String freshMapName();

    /** The read mode every store of this run uses. */
    protected ReadMode readMode() {
        return ReadMode.VALIDATED;
    }

    /** The encryption keys every store of this run uses; none by default. */
    protected EncryptionKeys encryptionKeys() {
        return null;
    }

    protected final StoreSettings.Builder settings() {
        return StoreSettings.builder().mapName(freshMapName()).readMode(readMode()).encryptionKeys(encryptionKeys());
    }

    protected final SessionStore openTracked(StoreSettings settings) {
        SessionStore s = open(settings);
        opened.add(s);
        return s;
    }

    protected final SessionStore store() {
        if (store == null) {
            store = openTracked(settings().build());
        }
        return store;
    }

    @AfterEach
    void closeStores() {
        opened.forEach(SessionStore::close);
    }

    @Test
    void createdSessionIsFoundWithItsAttributes() {
        Session created = store().create(SessionChanges.builder().set("user", "ann").set("cart", List.of(1, 2))
                .build());
        Session found = store().find(created.id()).orElseThrow();
        assertEquals(created.id(), found.id());
        assertEquals("ann", found.attribute("user"));
        assertEquals(List.of(1, 2), found.attribute("cart"));
        assertEquals(Set.of("user", "cart"), found.attributeNames());
        assertEquals(created.createdAt(), found.createdAt());
    }

    @Test
    void newSessionsGetTheDefaultIdleLimitAndDistinctIds() {
        SessionStore s = openTracked(settings().defaultMaxInactiveInterval(Duration.ofMinutes(7)).build());
        Session a = s.create();
        Session b = s.create();
        assertNotEquals(a.id(), b.id());
        assertEquals(Duration.ofMinutes(7), a.maxInactiveInterval());
        assertTrue(a.expiresAt().isPresent());
    }

    @Test
    void unknownIdFindsNothing() {
        assertTrue(store().find(new SecureRandomIdGenerator().next()).isEmpty());
    }

    @Test
    void aWriteAddressedByKeyLandsAsOneByIdDoes() {
        Session s = store().create(SessionChanges.builder().set("a", 1).build());
        long version = store().apply(s.key(), SessionChanges.builder().set("b", 2).build());
        Session read = store().find(s.id()).orElseThrow();
        assertEquals(version, read.version());
        assertEquals(1, read.attribute("a"));
        assertEquals(2, read.attribute("b"));
        SessionKey unknown = new SecureRandomIdGenerator().next().key();
        assertThrows(SessionNotFoundException.class, () -> store().apply(unknown,
                SessionChanges.builder().set("x", 1).build()));
    }

    @Test
    void changesSetAndRemoveAttributesInOneStep() {
        Session s = store().create(SessionChanges.builder().set("a", 1).set("b", 2).build());
        long version = store().apply(s.id(), SessionChanges.builder().set("c", 3).remove("a").set("b", 20)
                .build());
        Session found = store().find(s.id()).orElseThrow();
        assertEquals(Set.of("b", "c"), found.attributeNames());
        assertEquals(20, found.attribute("b"));
        assertEquals(version, found.version());
        assertTrue(version > s.version());
    }

    @Test
    void principalAndIdleLimitChangeWithTheDelta() {
        Session s = store().create();
        store().apply(s.id(), SessionChanges.builder().principal("ann").maxInactiveInterval(Duration.ZERO).build());
        Session found = store().find(s.id()).orElseThrow();
        assertEquals("ann", found.principal().orElseThrow());
        assertEquals(Duration.ZERO, found.maxInactiveInterval());
        assertTrue(found.expiresAt().isEmpty(), "an idle limit of zero never expires");
        store().apply(s.id(), SessionChanges.builder().principal(null).build());
        assertTrue(store().find(s.id()).orElseThrow().principal().isEmpty());
    }

    @Test
    void applyingToAnUnknownSessionFailsAndCreatesNothing() {
        SessionId unknown = new SecureRandomIdGenerator().next();
        assertThrows(SessionNotFoundException.class, () -> store().apply(unknown, SessionChanges.builder()
                .set("x", 1).build()));
        assertTrue(store().find(unknown).isEmpty());
    }

    @Test
    void touchMovesLastAccessForward() {
        Session s = store().create();
        await().until(() -> Instant.now().isAfter(s.lastAccessedAt().plusMillis(20)));
        assertTrue(store().touch(s.id()));
        Session found = store().find(s.id()).orElseThrow();
        assertTrue(found.lastAccessedAt().isAfter(s.lastAccessedAt()));
        assertFalse(store().touch(new SecureRandomIdGenerator().next()));
    }

    @Test
    void invalidatedSessionIsGone() {
        Session s = store().create(SessionChanges.builder().set("a", 1).build());
        assertTrue(store().invalidate(s.id()));
        assertTrue(store().find(s.id()).isEmpty());
        assertFalse(store().invalidate(s.id()), "a second invalidate finds nothing");
        assertThrows(SessionNotFoundException.class, () -> store().apply(s.id(), SessionChanges.builder()
                .set("a", 2).build()));
    }

    @Test
    void changedIdKeepsEverythingAndTheOldIdIsDead() {
        Session s = store().create(SessionChanges.builder().set("cart", "3 books").principal("ann").build());
        SessionId next = store().changeId(s.id());
        assertNotEquals(s.id(), next);
        assertTrue(store().find(s.id()).isEmpty());
        assertThrows(SessionNotFoundException.class, () -> store().apply(s.id(), SessionChanges.none()));
        Session moved = store().find(next).orElseThrow();
        assertEquals("3 books", moved.attribute("cart"));
        assertEquals("ann", moved.principal().orElseThrow());
        assertEquals(s.createdAt(), moved.createdAt());
    }

    @Test
    void changingTheIdOfAnUnknownSessionFails() {
        assertThrows(SessionNotFoundException.class, () -> store().changeId(new SecureRandomIdGenerator().next()));
    }

    @Test
    void sessionsOfAPrincipalAreFoundAndEndedTogether() {
        Session a1 = store().create(SessionChanges.builder().principal("ann").build());
        Session a2 = store().create(SessionChanges.builder().principal("ann").set("k", 1).build());
        Session b = store().create(SessionChanges.builder().principal("bob").build());
        List<SessionInfo> found = store().findByPrincipal("ann");
        assertEquals(Set.of(a1.key(), a2.key()), Set.copyOf(found.stream().map(SessionInfo::key).toList()));
        assertEquals(2, store().invalidateByPrincipal("ann"));
        assertTrue(store().find(a1.id()).isEmpty());
        assertTrue(store().find(a2.id()).isEmpty());
        assertTrue(store().find(b.id()).isPresent());
        assertTrue(store().findByPrincipal("ann").isEmpty());
    }

    @Test
    void describeShowsALiveSessionWithoutCountingAsAnAccess() {
        Session s = store().create(SessionChanges.builder().principal("cy").set("cart", "x".repeat(100)).build());
        SessionInfo info = store().describe(s.key()).orElseThrow();
        assertEquals(s.key(), info.key());
        assertEquals(Optional.of("cy"), info.principal());
        assertEquals(Set.of("cart"), info.attributeNames());
        assertTrue(info.storedBytes() > 100);
        assertEquals(s.lastAccessedAt(), info.lastAccessedAt());
        store().invalidate(s.id());
        assertTrue(store().describe(s.key()).isEmpty());
        assertTrue(store().describe(SessionId.fromRandomBytes(new byte[SessionId.RANDOM_BYTES]).key()).isEmpty());
    }

    @Test
    void observersHearTheEncodedSizeOfEachWrite() {
        List<Integer> sizes = new CopyOnWriteArrayList<>();
        store().addObserver(new StoreObserver() {
            @Override
            public void changesEncoded(int valueBytes) {
                sizes.add(valueBytes);
            }
        });
        store().addObserver(new StoreObserver() {
            @Override
            public void changesEncoded(int valueBytes) {
                throw new IllegalStateException("a broken observer must not fail the write");
            }
        });
        Session s = store().create(SessionChanges.builder().set("cart", "x".repeat(500)).build());
        store().apply(s.id(), SessionChanges.builder().remove("cart").build());
        assertEquals(2, sizes.size(), sizes.toString());
        assertTrue(sizes.get(0) > 500, sizes.toString());
        assertEquals(0, sizes.get(1));
    }

    @Test
    void eachReadOfAStoredCollectionGetsAValueOfItsOwn() {
        Session created = store().create(SessionChanges.builder()
                .set("cart", new ArrayList<>(List.of("book"))).build());
        Session first = store().find(created.id()).orElseThrow();
        @SuppressWarnings("unchecked")
        List<String> cart = (List<String>) first.attribute("cart");
        cart.add("pen");
        assertSame(cart, first.attribute("cart"), "one snapshot keeps the value it handed out");
        Session second = store().find(created.id()).orElseThrow();
        assertEquals(List.of("book"), second.attribute("cart"), "another read does not see an unsaved change");
        assertFalse(second.storedValues().isStoredAs("cart", cart), "the change in place shows");
        assertTrue(second.storedValues().isStoredAs("cart", new ArrayList<>(List.of("book"))));
        assertFalse(second.storedValues().isStoredAs("cart", new LinkedList<>(List.of("book"))), "another class is a change");
        @SuppressWarnings("unchecked")
        List<String> secondCart = (List<String>) second.attribute("cart");
        secondCart.clear();
        for (int i = 0; i < 3; i++) {
            Session again = store().find(created.id()).orElseThrow();
            assertEquals(List.of("book"), again.attribute("cart"), "reads of one kept record each get their own value");
            assertTrue(again.storedValues().isStoredAs("cart", new ArrayList<>(List.of("book"))));
        }
    }

    @Test
    void inPlaceChecksSeeEveryChangeOfASerializedForm() {
        LinkedHashSet<String> tags = new LinkedHashSet<>(List.of("a", "b"));
        HashMap<String, Integer> counts = new HashMap<>(Map.of("a", 1));
        SessionStore allowing = openTracked(settings().allowClasses("io.sessiongrid.client.testing.*").build());
        Session created = allowing.create(SessionChanges.builder().set("tags", tags).set("counts", counts)
                .set("custom", new AllowedValue("x")).build());
        Session read = allowing.find(created.id()).orElseThrow();
        read.attribute("tags");
        read.attribute("counts");
        assertTrue(read.storedValues().isStoredAs("tags", new LinkedHashSet<>(List.of("a", "b"))));
        assertFalse(read.storedValues().isStoredAs("tags", new LinkedHashSet<>(List.of("b", "a"))), "order is part of the value");
        assertFalse(read.storedValues().isStoredAs("counts", new HashMap<>(Map.of("a", 2))));
        List<Object> holdsAMutable = new ArrayList<>(List.of(new StringBuilder("a")));
        assertFalse(read.storedValues().isStoredAs("tags", holdsAMutable));
        assertTrue(read.storedValues().isStoredAs("custom", new AllowedValue("x")), "other classes compare by their encoding");
        assertFalse(read.storedValues().isStoredAs("custom", new AllowedValue("y")));
    }

    @Test
    void aSnapshotWithWrittenChangesIsTheBaselineForInPlaceChecks() {
        Session s = store().create(SessionChanges.builder().set("a", 1).set("gone", "x").build());
        List<String> cart = new ArrayList<>(List.of("book"));
        StoredValues after = s.storedValues().withWritten(SessionChanges.builder().set("cart", cart).remove("gone").build());
        assertFalse(s.storedValues().isStoredAs("cart", cart));
        assertTrue(after.isStoredAs("cart", cart));
        assertTrue(after.isStoredAs("a", 1));
        assertFalse(after.isStoredAs("gone", "x"));
        cart.add("pen");
        assertFalse(after.isStoredAs("cart", cart), "a change in place after the write shows");
    }

    @Test
    void theBaselineAfterAWriteIsTheValueAsItWasSentNotAsItIsNow() {
        Session s = store().create();
        List<String> cart = new ArrayList<>(List.of("book"));
        SessionChanges changes = SessionChanges.builder().set("cart", cart).build();
        store().apply(s.key(), changes);
        cart.add("pen");
        StoredValues after = s.storedValues().withWritten(changes);
        assertFalse(after.isStoredAs("cart", cart), "the pen was added after the write: the grid does not hold it");
        assertTrue(after.isStoredAs("cart", new ArrayList<>(List.of("book"))));
        assertEquals(List.of("book"), store().find(s.id()).orElseThrow().attribute("cart"));
    }

    @Test
    void countCountsStoredSessions() {
        for (int i = 0; i < 5; i++) {
            store().create();
        }
        Session gone = store().create();
        store().invalidate(gone.id());
        assertEquals(5, store().count());
    }

    @Test
    void lockedWorkSeesTheSessionAndALockHeldElsewhereTimesOut() throws Exception {
        Session s = store().create(SessionChanges.builder().set("n", 1).build());
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            Future<Object> holder = other.submit(() -> store().withLock(s.id(), Duration.ofSeconds(5), session -> {
                held.countDown();
                try {
                    return release.await(10, TimeUnit.SECONDS) ? session.attribute("n") : null;
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }));
            assertTrue(held.await(10, TimeUnit.SECONDS));
            assertThrows(SessionLockTimeoutException.class,
                    () -> store().withLock(s.id(), Duration.ofMillis(200), session -> "never"));
            release.countDown();
            assertEquals(1, holder.get(10, TimeUnit.SECONDS));
            assertEquals("ran", store().withLock(s.id(), Duration.ofSeconds(5), session -> "ran"));
        } finally {
            other.shutdownNow();
        }
    }

    @Test
    void aLockTakenOnOneThreadIsReleasedOnAnother() throws Exception {
        Session s = store().create();
        SessionLock lock = store().lock(s.id(), Duration.ofSeconds(5));
        assertThrows(SessionLockTimeoutException.class, () -> store().lock(s.id(), Duration.ofMillis(200)));
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            assertTrue(other.submit(lock::release).get(10, TimeUnit.SECONDS), "released within its lease");
        } finally {
            other.shutdownNow();
        }
        try (SessionLock next = store().lock(s.id(), Duration.ofSeconds(5))) {
            assertEquals(s.id(), next.session().id());
        }
    }

    @Test
    void lockedWorkThatOutlivesItsLeaseIsReportedAndTheNextHolderGetsTheLock() {
        SessionStore leased = openTracked(settings().lockLease(Duration.ofSeconds(1)).build());
        List<String> overruns = new CopyOnWriteArrayList<>();
        leased.addObserver(new StoreObserver() {
            @Override
            public void lockLeaseExpired() {
                overruns.add("overrun");
            }
        });
        Session s = leased.create();
        SessionLock slow = leased.lock(s.id(), Duration.ofSeconds(5));
        SessionLock next = leased.lock(s.id(), Duration.ofSeconds(10));
        assertFalse(slow.release(), "the lease had run out");
        assertFalse(slow.release(), "a second release says the same");
        assertEquals(List.of("overrun"), overruns);
        assertTrue(next.release());
        assertEquals(1, overruns.size());
    }

    @Test
    void lockedWorkOnAnUnknownSessionFails() {
        assertThrows(SessionNotFoundException.class,
                () -> store().withLock(new SecureRandomIdGenerator().next(), Duration.ofSeconds(1), s -> 1));
    }

    @Test
    void idleSessionExpires() {
        Session s = store().create(SessionChanges.builder().maxInactiveInterval(Duration.ofMillis(1200)).build());
        Instant expiresAt = s.expiresAt().orElseThrow();
        assertEquals(s.lastAccessedAt().plusMillis(1200), expiresAt);
        // Reading counts as an access, so wait on the clock, not by polling the session.
        await().atMost(Duration.ofSeconds(5)).until(() -> Instant.now().isAfter(expiresAt.plusMillis(50)));
        assertTrue(store().find(s.id()).isEmpty());
        assertThrows(SessionNotFoundException.class, () -> store().apply(s.id(), SessionChanges.none()));
        // Hazelcast removes an entry past its TTL when it is next accessed, or later by a background task that
        // visits partitions in turns; the returning browser's read is such an access.
        await("the owner drops the expired entry").atMost(Duration.ofSeconds(15)).until(() -> {
            store().find(s.id());
            return store().count() == 0;
        });
    }

    @Test
    void expiryIsReportedOnceWithTheSessionsValuesAndInvalidationIsNot() {
        List<Session> expired = new CopyOnWriteArrayList<>();
        store().addExpiryListener(expired::add);
        Session ending = store().create(SessionChanges.builder().set("cart", "2 books")
                .maxInactiveInterval(Duration.ofMillis(1000)).build());
        Session invalidated = store().create(SessionChanges.builder().maxInactiveInterval(Duration.ofMillis(1000))
                .build());
        store().invalidate(invalidated.id());
        // count() stands in for the traffic that makes an in-process store notice; the grid needs none.
        await().atMost(Duration.ofSeconds(20)).until(() -> store().count() == 0 && !expired.isEmpty());
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> expired.size() == 1);
        Session reported = expired.get(0);
        assertEquals(ending.key().value(), reported.id().value(), "the id of an expired session is its key");
        assertEquals("2 books", reported.attribute("cart"));
    }

    @Test
    void absoluteLifetimeEndsABusySession() {
        SessionStore s = openTracked(settings().maxLifetime(Duration.ofMillis(1500)).build());
        Session session = s.create();
        Instant deadline = session.createdAt().plusMillis(1500);
        await().atMost(Duration.ofSeconds(6)).pollInterval(Duration.ofMillis(100))
                .until(() -> s.find(session.id()).isEmpty());
        assertFalse(Instant.now().isBefore(deadline), "ended before its lifetime");
    }

    @Test
    void nonSerializableValueIsRefusedNamingTheAttributeAndNothingIsLost() {
        Session s = store().create(SessionChanges.builder().set("kept", "yes").build());
        AttributeRejectedException e = assertThrows(AttributeRejectedException.class, () -> store().apply(s.id(),
                SessionChanges.builder().set("fine", 1).set("socket", new Object()).build()));
        assertEquals("socket", e.attribute());
        assertTrue(e.getMessage().contains("Serializable"), e.getMessage());
        Session found = store().find(s.id()).orElseThrow();
        assertEquals(Set.of("kept"), found.attributeNames(), "a refused delta changes nothing");
    }

    @Test
    void valueOfAClassOutsideTheAllowlistIsRefused() {
        Session s = store().create();
        AttributeRejectedException e = assertThrows(AttributeRejectedException.class, () -> store().apply(s.id(),
                SessionChanges.builder().set("custom", new AllowedValue("x")).build()));
        assertTrue(e.getMessage().contains("allowed-classes"), e.getMessage());
        SessionStore allowing = openTracked(settings().allowClasses("io.sessiongrid.client.testing.*").build());
        Session t = allowing.create(SessionChanges.builder().set("custom", new AllowedValue("x")).build());
        assertEquals(new AllowedValue("x"), allowing.find(t.id()).orElseThrow().attribute("custom"));
    }

    @Test
    void aDisallowedClassInsideAnAllowedCollectionIsRefusedWhenSet() {
        Session s = store().create(SessionChanges.builder().set("kept", "yes").build());
        ArrayList<Object> items = new ArrayList<>(List.of("fine", new AllowedValue("x")));
        AttributeRejectedException e = assertThrows(AttributeRejectedException.class, () -> store().apply(s.id(),
                SessionChanges.builder().set("items", items).build()));
        assertEquals("items", e.attribute());
        assertTrue(e.getMessage().contains(AllowedValue.class.getName()) && e.getMessage().contains("allowed-classes"),
                e.getMessage());
        assertThrows(AttributeRejectedException.class, () -> store().create(SessionChanges.builder()
                .set("items", new HashMap<>(Map.of("k", new AllowedValue("y")))).build()));
        assertEquals(Set.of("kept"), store().find(s.id()).orElseThrow().attributeNames(), "nothing was sent");
    }

    @Test
    void aValueNestedDeeperThanTheLimitIsRefusedWhenSet() {
        SessionStore shallow = openTracked(settings().allowClasses("io.sessiongrid.client.testing.*")
                .maxValueDepth(8).build());
        Session s = shallow.create();
        Object deep = "bottom";
        for (int i = 0; i < 12; i++) {
            deep = new AllowedValue(String.valueOf(i)).wrapping(deep);
        }
        Object tooDeep = deep;
        AttributeRejectedException e = assertThrows(AttributeRejectedException.class, () -> shallow.apply(s.id(),
                SessionChanges.builder().set("tree", tooDeep).build()));
        assertTrue(e.getMessage().contains("session.max-value-depth"), e.getMessage());
        Object fine = new AllowedValue("a").wrapping(new AllowedValue("b").wrapping("bottom"));
        shallow.apply(s.id(), SessionChanges.builder().set("tree", fine).build());
        assertEquals(fine, shallow.find(s.id()).orElseThrow().attribute("tree"));
    }

    @Test
    void anUnchangedMapReadBackIsStoredAsItWasWhateverItsHistory() {
        HashMap<String, java.util.Date> dates = new HashMap<>();
        for (int i = 0; i < 12; i++) {
            dates.put("d" + i, new java.util.Date(1_700_000_000_000L + i));
        }
        HashMap<String, java.util.Date> trimmed = new HashMap<>(dates);
        for (int i = 0; i < 24; i++) {
            trimmed.put("extra" + i, new java.util.Date(i));
        }
        for (int i = 0; i < 24; i++) {
            trimmed.remove("extra" + i);
        }
        Session created = store().create(SessionChanges.builder().set("dates", dates).set("trimmed", trimmed)
                .build());
        Session read = store().find(created.id()).orElseThrow();
        Object readDates = read.attribute("dates");
        Object readTrimmed = read.attribute("trimmed");
        assertTrue(read.storedValues().isStoredAs("dates", readDates), "a map of 12 dates read back is unchanged");
        assertTrue(read.storedValues().isStoredAs("trimmed", readTrimmed), "a map that once held more is unchanged");
        @SuppressWarnings("unchecked")
        Map<String, java.util.Date> changed = (Map<String, java.util.Date>) readDates;
        changed.get("d3").setTime(0);
        assertFalse(read.storedValues().isStoredAs("dates", changed), "a date changed in place shows");
    }

    @Test
    void oversizedAttributeIsRefusedAndTheRestKept() {
        SessionStore s = openTracked(settings().maxAttributeBytes(1000).compressionThresholdBytes(100_000).build());
        Session session = s.create(SessionChanges.builder().set("small", "x").build());
        AttributeTooLargeException e = assertThrows(AttributeTooLargeException.class, () -> s.apply(session.id(),
                SessionChanges.builder().set("big", "y".repeat(2000)).build()));
        assertEquals("big", e.attribute());
        assertTrue(e.getMessage().contains("max-attribute-bytes"), e.getMessage());
        assertEquals("x", s.find(session.id()).orElseThrow().attribute("small"));
    }

    @Test
    void sessionOverItsTotalLimitIsRefusedAndKeepsItsValues() {
        SessionStore s = openTracked(settings().maxAttributeBytes(600).maxSessionBytes(1500)
                .compressionThresholdBytes(100_000).build());
        Session session = s.create(SessionChanges.builder().set("a", "a".repeat(500)).set("b", "b".repeat(500))
                .build());
        assertThrows(SessionTooLargeException.class, () -> s.apply(session.id(),
                SessionChanges.builder().set("c", "c".repeat(500)).build()));
        Session found = s.find(session.id()).orElseThrow();
        assertEquals(Set.of("a", "b"), found.attributeNames());
        s.apply(session.id(), SessionChanges.builder().remove("a").set("c", "c".repeat(500)).build());
        assertEquals(Set.of("b", "c"), s.find(session.id()).orElseThrow().attributeNames());
    }

    @Test
    void largeValuesAreCompressedAndReadBackWhole() {
        String page = "lorem ipsum dolor sit amet ".repeat(4000);
        Session s = store().create(SessionChanges.builder().set("page", page).set("tiny", 7).build());
        Session found = store().find(s.id()).orElseThrow();
        assertTrue(found.attributeSize("page") < page.length() / 10, "stored " + found.attributeSize("page"));
        assertEquals(page, found.attribute("page"));
        assertEquals(-1, found.attributeSize("missing"));
        assertNull(found.attribute("missing"));
    }

    @Test
    void concurrentChangesToDistinctAttributesAreAllKept() throws Exception {
        Session s = store().create();
        int threads = 8;
        int rounds = 100;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String name = "t" + t;
                done.add(pool.submit(() -> {
                    for (int i = 1; i <= rounds; i++) {
                        store().apply(s.id(), SessionChanges.builder().set(name, i).set(name + "-" + (i % 5), i)
                                .build());
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        Session found = store().find(s.id()).orElseThrow();
        for (int t = 0; t < threads; t++) {
            assertEquals(rounds, found.attribute("t" + t));
            for (int r = 0; r < 5; r++) {
                assertEquals(rounds - 5 + (r == 0 ? 5 : r), found.attribute("t" + t + "-" + r));
            }
        }
        assertEquals(threads * 6, found.attributeNames().size());
    }

    @Test
    void snapshotsDoNotChangeAfterTheyWereRead() {
        Session s = store().create(SessionChanges.builder().set("a", 1).build());
        Session before = store().find(s.id()).orElseThrow();
        store().apply(s.id(), SessionChanges.builder().set("a", 2).build());
        assertEquals(1, before.attribute("a"));
        assertEquals(2, store().find(s.id()).orElseThrow().attribute("a"));
    }

    @Test
    void theAsynchronousFormSharesTheStoresSessions() {
        AsyncSessionStore async = store().async();
        SessionId id = async.newId();
        Session created = join(async.create(id, SessionChanges.builder().set("user", "ann").principal("ann").build()));
        assertEquals(id, created.id());
        assertEquals("ann", store().find(id).orElseThrow().attribute("user"));
        long version = join(async.apply(id, SessionChanges.builder().set("cart", List.of(1, 2)).build()));
        Session found = join(async.find(id)).orElseThrow();
        assertEquals(version, found.version());
        assertEquals(List.of(1, 2), found.attribute("cart"));
        assertEquals(List.of(created.key()), join(async.findByPrincipal("ann")).stream().map(SessionInfo::key)
                .toList());
        assertTrue(join(async.invalidate(id)));
        assertTrue(store().find(id).isEmpty());
        assertTrue(join(async.find(id)).isEmpty());
        assertFalse(join(async.invalidate(created.key())));
    }

    @Test
    void anAsynchronousIdChangeKeepsEverythingAndKillsTheOldId() {
        Session s = store().create(SessionChanges.builder().set("cart", "3 books").principal("ann").build());
        AsyncSessionStore async = store().async();
        SessionId next = async.newId();
        join(async.changeId(s.id(), next));
        assertTrue(join(async.find(s.id())).isEmpty());
        assertTrue(store().find(s.id()).isEmpty());
        assertEquals("3 books", join(async.find(next)).orElseThrow().attribute("cart"));
        assertEquals(s.createdAt(), store().find(next).orElseThrow().createdAt());
        assertEquals(SessionNotFoundException.class, failureOf(async.apply(s.id(), SessionChanges.none())));
        assertEquals(SessionNotFoundException.class, failureOf(async.changeId(s.id(), async.newId())));
    }

    @Test
    void asynchronousFailuresArriveThroughTheStageAndChangeNothing() {
        AsyncSessionStore async = store().async();
        SessionId unknown = async.newId();
        assertEquals(SessionNotFoundException.class, failureOf(async.apply(unknown,
                SessionChanges.builder().set("x", 1).build())));
        assertTrue(store().find(unknown).isEmpty(), "a failed write creates nothing");
        Session s = store().create(SessionChanges.builder().set("a", 1).build());
        Class<? extends Throwable> refused = failureOf(async.apply(s.id(), SessionChanges.builder()
                .set("b", 2).set("thread", new Object()).build()));
        assertTrue(AttributeRejectedException.class.isAssignableFrom(refused), refused.getName());
        Session after = store().find(s.id()).orElseThrow();
        assertEquals(Set.of("a"), after.attributeNames());
        assertEquals(SessionGridException.class, failureOf(async.create(s.id(), SessionChanges.none())),
                "an id that is taken is refused");
        assertEquals(1, store().find(s.id()).orElseThrow().attribute("a"));
    }

    @Test
    void concurrentAsynchronousChangesToDistinctAttributesAreAllKept() {
        Session s = store().create();
        AsyncSessionStore async = store().async();
        List<CompletableFuture<Long>> writes = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            writes.add(async.apply(s.id(), SessionChanges.builder().set("a" + i, i).build()).toCompletableFuture());
        }
        CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).orTimeout(60, TimeUnit.SECONDS).join();
        Session found = join(async.find(s.id())).orElseThrow();
        assertEquals(100, found.attributeNames().size());
        for (int i = 0; i < 100; i++) {
            assertEquals(i, found.attribute("a" + i));
        }
    }

    @Test
    void eachOfManySuccessiveAsynchronousWritesAndReadsIsAnswered() {
        Session s = store().create(SessionChanges.builder().set("counter", 0).build());
        AsyncSessionStore async = store().async();
        for (int i = 1; i <= 2_000; i++) {
            int written = i;
            Session found = async.find(s.id()).toCompletableFuture().orTimeout(5, TimeUnit.SECONDS)
                    .thenCompose(f -> async.apply(s.id(), SessionChanges.builder().set("counter", written).build()))
                    .thenCompose(version -> async.find(s.id()))
                    .toCompletableFuture().orTimeout(5, TimeUnit.SECONDS)
                    .handle((f, failure) -> {
                        if (failure != null) {
                            throw new AssertionError("request " + written + " was not answered", failure);
                        }
                        return f.orElseThrow();
                    }).join();
            assertEquals(written, found.attribute("counter"));
        }
    }

    private static <T> T join(CompletionStage<T> stage) {
        return stage.toCompletableFuture().orTimeout(30, TimeUnit.SECONDS).join();
    }

    private static Class<? extends Throwable> failureOf(CompletionStage<?> stage) {
        CompletionException failed = assertThrows(CompletionException.class, () -> join(stage));
        Throwable cause = failed;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getClass();
    }
}
