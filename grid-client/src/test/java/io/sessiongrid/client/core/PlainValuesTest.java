package io.sessiongrid.client.core;

import io.sessiongrid.client.testing.AllowedValue;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Externalizable;
import java.io.IOException;
import java.io.ObjectInput;
import java.io.ObjectInputStream;
import java.io.ObjectOutput;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Plain values are copied and compared by their state, exactly as their serialized form would tell. */
class PlainValuesTest {
    private final PlainValues plain = new PlainValues(14);

    /** An application class as applications write them: fields, a list, a transient cache. */
    static final class Cart implements Serializable {
        private final String owner;
        private final List<String> items = new ArrayList<>();
        private int changes;
        private Date updated = new Date(1_700_000_000_000L);
        private transient String rendered = "cache";

        Cart(String owner) {
            this.owner = owner;
            items.add("book");
        }
    }

    static final class Node implements Serializable {
        Node next;
        String name;
    }

    static final class Custom implements Serializable {
        int n;

        private void writeObject(ObjectOutputStream out) throws IOException {
            out.defaultWriteObject();
        }
    }

    public static final class External implements Externalizable {
        public External() {
        }

        @Override
        public void writeExternal(ObjectOutput out) {
        }

        @Override
        public void readExternal(ObjectInput in) {
        }
    }

    static class NotSerializableBase {
        int hidden;
    }

    static final class OnAForeignBase extends NotSerializableBase implements Serializable {
        int own;
    }

    @Test
    void immutableValuesJdkCollectionsAndDefaultSerializedClassesArePlain() {
        assertTrue(plain.isPlain("x"));
        assertTrue(plain.isPlain(DayOfWeek.MONDAY));
        assertTrue(plain.isPlain(new ArrayList<>(List.of("a", "b"))));
        assertTrue(plain.isPlain(new HashMap<>(Map.of("a", new ArrayList<>(List.of(1))))), "nested collections");
        assertTrue(plain.isPlain(new TreeSet<>(List.of("a"))), "natural order");
        assertTrue(plain.isPlain(new Cart("ann")));
        assertTrue(plain.isPlain(new AllowedValue("x", new AllowedValue("y"))), "records, by their components");
        assertTrue(plain.isPlain(new int[] {1, 2}));
        assertTrue(plain.isPlain(new Date()));
    }

    @Test
    void anythingWhoseSerializedFormIsNotItsStateIsNot() {
        assertFalse(plain.isPlain(new Custom()), "writeObject");
        assertFalse(plain.isPlain(new External()), "Externalizable");
        assertFalse(plain.isPlain(new OnAForeignBase()), "a superclass that is not serializable");
        assertFalse(plain.isPlain(new ArrayList<>() { }), "a subclass of a collection may add state");
        assertFalse(plain.isPlain(new LinkedHashMap<>(Map.of("a", 1))), "may be access-ordered");
        assertFalse(plain.isPlain(new TreeSet<>(Comparator.reverseOrder())), "a comparator decides order");
        assertFalse(plain.isPlain(Collections.unmodifiableList(new ArrayList<>())));
        assertFalse(plain.isPlain(new ArrayList<>(List.of(new StringBuilder()))), "a JDK class with hidden state");
        assertFalse(plain.isPlain(new HashMap<>(Map.of(new Cart("k"), 1))), "a mutable key");
        assertFalse(plain.isPlain(null));
    }

    @Test
    void aGraphDeeperOrLargerThanTheLimitsIsNotPlain() {
        Object deep = "bottom";
        for (int i = 0; i < 20; i++) {
            deep = new ArrayList<>(List.of(deep));
        }
        assertFalse(plain.isPlain(deep));
        List<Date> large = new ArrayList<>();
        for (int i = 0; i < PlainValues.MAX_OBJECTS + 1; i++) {
            large.add(new Date(i));
        }
        assertFalse(plain.isPlain(large));
    }

    @Test
    void aCopyIsIndependentLeavesTransientStateUnsetAndEqualsWhatDecodingGives() throws Exception {
        Cart cart = new Cart("ann");
        cart.items.add("pen");
        cart.changes = 3;
        Cart copy = (Cart) plain.copy(cart);
        assertNotSame(cart, copy);
        assertNotSame(cart.items, copy.items);
        assertNotSame(cart.updated, copy.updated);
        assertSame(cart.owner, copy.owner, "immutable parts are shared");
        assertNull(copy.rendered, "a transient field is left as decoding leaves it");
        assertTrue(plain.same(copy, roundTrip(cart)), "the copy is what decoding the bytes gives");
        copy.items.add("cup");
        copy.updated.setTime(0);
        assertEquals(List.of("book", "pen"), cart.items);
        assertEquals(1_700_000_000_000L, cart.updated.getTime());
        AllowedValue record = new AllowedValue("x", new ArrayList<>(List.of("y")));
        AllowedValue recordCopy = (AllowedValue) plain.copy(record);
        assertNotSame(record.inner(), recordCopy.inner());
        assertEquals(record, recordCopy);
    }

    @Test
    void aTemplateMatchesExactlyWhatSameWouldSay() {
        Cart cart = new Cart("ann");
        Map<String, Object> nested = new HashMap<>(Map.of("cart", new Cart("bob"), "tags",
                new LinkedHashSet<>(List.of("a", "b")), "set", new java.util.HashSet<>(List.of("x", "y")),
                "sorted", new java.util.TreeMap<>(Map.of("k", new ArrayList<>(List.of("v")))), "ints", new int[] {1},
                "record", new AllowedValue("x", new ArrayList<>(List.of("y"))), "array", new Object[] {"s", new Date(3)}));
        for (Object pristine : List.of(cart, nested, new ArrayList<>(List.of("a", new Date(1))), "text", 7L)) {
            PlainValues.Template template = plain.template(pristine);
            List<Object> variants = new ArrayList<>(java.util.Arrays.asList(null, "text", 7, 7L, template.copy(),
                    new LinkedList<>(List.of("a", new Date(1))), new ArrayList<>(List.of("a", new Date(2))),
                    new ArrayList<>(List.of("a"))));
            Cart changedItem = (Cart) plain.copy(cart);
            changedItem.items.set(0, "pen");
            Cart changedCount = (Cart) plain.copy(cart);
            changedCount.changes++;
            Cart changedDate = (Cart) plain.copy(cart);
            changedDate.updated.setTime(0);
            Cart changedCache = (Cart) plain.copy(cart);
            changedCache.rendered = "other";
            Cart nulled = (Cart) plain.copy(cart);
            nulled.updated = null;
            variants.addAll(List.of(changedItem, changedCount, changedDate, changedCache, nulled));
            for (String key : nested.keySet()) {
                @SuppressWarnings("unchecked")
                Map<String, Object> without = (Map<String, Object>) plain.copy(nested);
                without.remove(key);
                variants.add(without);
                @SuppressWarnings("unchecked")
                Map<String, Object> replaced = (Map<String, Object>) plain.copy(nested);
                replaced.put(key, "other");
                variants.add(replaced);
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> reordered = (Map<String, Object>) plain.copy(nested);
            reordered.put("tags", new LinkedHashSet<>(List.of("b", "a")));
            reordered.put("set", new java.util.HashSet<>(List.of("y", "x")));
            variants.add(reordered);
            @SuppressWarnings("unchecked")
            Map<String, Object> deeper = (Map<String, Object>) plain.copy(nested);
            ((Cart) deeper.get("cart")).items.add("cup");
            variants.add(deeper);
            for (Object live : variants) {
                assertEquals(plain.same(live, pristine), template.matches(live), pristine + " against " + live);
            }
            assertTrue(template.matches(template.copy()));
        }
    }

    @Test
    void cyclesAndSharedReferencesSurviveACopyAndATemplate() {
        Node a = new Node();
        Node b = new Node();
        a.next = b;
        b.next = a;
        a.name = "a";
        List<Node> both = new ArrayList<>(List.of(a, a));
        for (Object copied : List.of(plain.copy(both), plain.template(both).copy())) {
            @SuppressWarnings("unchecked")
            List<Node> copy = (List<Node>) copied;
            assertNotSame(a, copy.get(0));
            assertSame(copy.get(0), copy.get(1), "shared stays shared");
            assertSame(copy.get(0), copy.get(0).next.next, "the cycle is kept");
            assertTrue(plain.same(both, copy));
        }
    }

    @Test
    void sameSeesEveryChangeThatSerializationWouldAndNoOther() {
        Cart stored = new Cart("ann");
        Cart live = (Cart) plain.copy(stored);
        assertTrue(plain.same(live, stored));
        live.rendered = "another cache";
        assertTrue(plain.same(live, stored), "transient state is not stored");
        live.changes++;
        assertFalse(plain.same(live, stored), "a primitive field");
        live.changes--;
        live.items.set(0, "pen");
        assertFalse(plain.same(live, stored), "an element of a nested list");
        live.items.set(0, "book");
        live.updated.setTime(1);
        assertFalse(plain.same(live, stored), "a date changed in place");
        assertFalse(plain.same(new LinkedHashSet<>(List.of("a", "b")), new LinkedHashSet<>(List.of("b", "a"))),
                "order, where the serialized form keeps one");
        assertFalse(plain.same(new ArrayList<>(List.of("a")), new LinkedList<>(List.of("a"))), "another class");
        assertFalse(plain.same(1, 1L));
    }

    @Test
    void aTemplateMakesIndependentCopiesThatDecodingWouldGiveOfEveryPlainShape() throws Exception {
        Cart cart = new Cart("ann");
        cart.items.add("pen");
        Map<String, Object> nested = new HashMap<>(Map.of("cart", cart, "tags", new TreeSet<>(List.of("b", "a")),
                "dates", new ArrayList<>(List.of(new Date(5), new Date(6))), "ints", new int[] {1, 2},
                "names", new String[] {"x", "y"}, "record", new AllowedValue("x", new ArrayList<>(List.of("y"))),
                "deque", new java.util.ArrayDeque<>(List.of("q")), "linked", new LinkedList<>(List.of(new Date(7)))));
        for (Object pristine : List.of(cart, nested, new ArrayList<>(List.of("a", "b")), new Date(9), "text",
                new Object[] {new Date(1), "s"}, new LinkedHashSet<>(List.of("z", "y")))) {
            PlainValues.Template template = plain.template(pristine);
            Object first = template.copy();
            Object second = template.copy();
            assertTrue(plain.same(first, roundTrip(pristine)), "what decoding gives: " + pristine);
            assertTrue(plain.same(second, pristine));
            if (!(pristine instanceof String)) {
                assertNotSame(pristine, first);
                assertNotSame(first, second);
            }
        }
        Cart copy = (Cart) plain.template(cart).copy();
        assertSame(cart.owner, copy.owner, "immutable parts are shared");
        assertNull(copy.rendered, "a transient field is left as decoding leaves it");
        copy.items.add("cup");
        copy.updated.setTime(0);
        Cart again = (Cart) plain.template(cart).copy();
        assertEquals(List.of("book", "pen"), again.items, "a copy's change reaches neither the value nor later copies");
        assertEquals(1_700_000_000_000L, again.updated.getTime());
        @SuppressWarnings("unchecked")
        Map<String, Object> nestedCopy = (Map<String, Object>) plain.template(nested).copy();
        ((Cart) nestedCopy.get("cart")).items.clear();
        ((int[]) nestedCopy.get("ints"))[0] = 9;
        ((Date) ((LinkedList<?>) nestedCopy.get("linked")).get(0)).setTime(0);
        assertEquals(List.of("book", "pen"), cart.items);
        assertEquals(1, ((int[]) nested.get("ints"))[0]);
        assertEquals(7, ((Date) ((LinkedList<?>) nested.get("linked")).get(0)).getTime());
    }

    private static Object roundTrip(Object value) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return in.readObject();
        }
    }
}
