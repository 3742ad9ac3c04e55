package io.sessiongrid.client.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a session can know about an attribute value without serializing it. An <em>immutable</em> value (exact
 * JDK value classes and enums) cannot change in place. A <em>plain collection</em> (exactly ArrayList,
 * LinkedList, HashSet, LinkedHashSet or HashMap, holding only immutable values or nulls) can, but a shallow
 * copy of it is an independent value, and {@code equals} (with order where the class keeps one) says whether
 * two of them store the same thing. Exact classes only: a subclass may add state. Stateless.
 */
public final class AttributeValues {
    private static final Set<Class<?>> IMMUTABLE = Set.of(String.class, Integer.class, Long.class, Short.class,
            Byte.class, Character.class, Boolean.class, Double.class, Float.class, java.math.BigInteger.class,
            java.math.BigDecimal.class, java.util.UUID.class, java.time.Instant.class, java.time.LocalDate.class,
            java.time.LocalDateTime.class, java.time.LocalTime.class, java.time.OffsetDateTime.class,
            java.time.ZonedDateTime.class, java.time.Duration.class, java.time.Period.class);

    private AttributeValues() {
    }

    /** Whether the value can never change in place, so no request needs to check it for such a change. */
    public static boolean isImmutable(Object value) {
        return value instanceof Enum<?> || IMMUTABLE.contains(value.getClass());
    }

    /** Immutable, or a plain collection: a value whose copy and comparison need no serialization. */
    static boolean isShareable(Object value) {
        return value != null && (isImmutable(value) || isPlainCollection(value));
    }

    private static boolean isPlainCollection(Object value) {
        Class<?> type = value.getClass();
        if (type == ArrayList.class || type == LinkedList.class || type == HashSet.class
                || type == LinkedHashSet.class) {
            return allImmutable((Collection<?>) value);
        }
        if (type == HashMap.class) {
            Map<?, ?> map = (Map<?, ?>) value;
            return allImmutable(map.keySet()) && allImmutable(map.values());
        }
        return false;
    }

    private static boolean allImmutable(Collection<?> values) {
        for (Object v : values) {
            if (v != null && !isImmutable(v)) {
                return false;
            }
        }
        return true;
    }

    /** An independent value equal to a shareable one: the value itself when immutable, else a shallow copy. */
    static Object copyOf(Object shareable) {
        if (isImmutable(shareable)) {
            return shareable;
        }
        Class<?> type = shareable.getClass();
        if (type == ArrayList.class) {
            return new ArrayList<>((ArrayList<?>) shareable);
        }
        if (type == LinkedList.class) {
            return new LinkedList<>((LinkedList<?>) shareable);
        }
        if (type == HashSet.class) {
            return new HashSet<>((HashSet<?>) shareable);
        }
        if (type == LinkedHashSet.class) {
            return new LinkedHashSet<>((LinkedHashSet<?>) shareable);
        }
        if (type == HashMap.class) {
            return new HashMap<>((HashMap<?, ?>) shareable);
        }
        throw new IllegalArgumentException(type.getName() + " is not a shareable attribute value");
    }

    /**
     * Whether two shareable values store the same thing: same class, equal, and for a LinkedHashSet the same
     * order (its equals ignores order, its serialized form does not).
     */
    static boolean sameContent(Object value, Object other) {
        if (value == null || other == null || value.getClass() != other.getClass() || !value.equals(other)) {
            return false;
        }
        if (value instanceof LinkedHashSet<?> a) {
            Iterator<?> b = ((LinkedHashSet<?>) other).iterator();
            for (Object element : a) {
                if (!Objects.equals(element, b.next())) {
                    return false;
                }
            }
        }
        return true;
    }
}
