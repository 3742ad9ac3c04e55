package io.sessiongrid.client.core;

import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AttributeValuesTest {
    @Test
    void immutableMeansExactJdkValueClassesAndEnums() {
        assertTrue(AttributeValues.isImmutable("x"));
        assertTrue(AttributeValues.isImmutable(42L));
        assertTrue(AttributeValues.isImmutable(DayOfWeek.MONDAY));
        assertFalse(AttributeValues.isImmutable(new StringBuilder("x")));
        assertFalse(AttributeValues.isImmutable(new java.util.Date()), "Date has setters");
    }

    @Test
    void aPlainCollectionIsAnExactJdkCollectionOfImmutableValues() {
        assertTrue(AttributeValues.isShareable(new ArrayList<>(List.of("a", "b"))));
        assertTrue(AttributeValues.isShareable(new HashMap<>(Map.of("a", 1))));
        ArrayList<String> withNull = new ArrayList<>();
        withNull.add(null);
        assertTrue(AttributeValues.isShareable(withNull));
        assertFalse(AttributeValues.isShareable(new ArrayList<>(List.of(new StringBuilder()))), "a mutable element");
        assertFalse(AttributeValues.isShareable(new ArrayList<>(List.of(new ArrayList<>()))), "a nested collection");
        assertFalse(AttributeValues.isShareable(new ArrayList<>() { }), "a subclass may add state");
        assertFalse(AttributeValues.isShareable(new LinkedHashMap<>(Map.of("a", 1))), "may be access-ordered");
        assertFalse(AttributeValues.isShareable(new TreeSet<>(List.of("a"))), "a comparator decides equality");
        assertFalse(AttributeValues.isShareable(Collections.unmodifiableList(new ArrayList<>())));
        assertFalse(AttributeValues.isShareable(null));
    }

    @Test
    void aCopyIsIndependentAndAnImmutableValueIsItsOwnCopy() {
        ArrayList<String> cart = new ArrayList<>(List.of("book"));
        @SuppressWarnings("unchecked")
        List<String> copy = (List<String>) AttributeValues.copyOf(cart);
        assertNotSame(cart, copy);
        copy.add("pen");
        assertEquals(List.of("book"), cart);
        assertEquals(LinkedHashSet.class, AttributeValues.copyOf(new LinkedHashSet<>(List.of(1))).getClass());
        String user = "ann";
        assertSame(user, AttributeValues.copyOf(user));
        assertThrows(IllegalArgumentException.class, () -> AttributeValues.copyOf(new StringBuilder()));
    }

    @Test
    void sameContentMeansSameClassEqualAndSameOrderWhereTheFormKeepsOne() {
        assertTrue(AttributeValues.sameContent(new ArrayList<>(List.of("a")), new ArrayList<>(List.of("a"))));
        assertFalse(AttributeValues.sameContent(new ArrayList<>(List.of("a")), new java.util.LinkedList<>(List.of("a"))));
        assertTrue(AttributeValues.sameContent(new LinkedHashSet<>(List.of("a", "b")),
                new LinkedHashSet<>(List.of("a", "b"))));
        assertFalse(AttributeValues.sameContent(new LinkedHashSet<>(List.of("a", "b")),
                new LinkedHashSet<>(List.of("b", "a"))));
        assertFalse(AttributeValues.sameContent(1, 1L));
        assertFalse(AttributeValues.sameContent(null, "a"));
    }
}
