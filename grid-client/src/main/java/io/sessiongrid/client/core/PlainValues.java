package io.sessiongrid.client.core;

import java.io.Externalizable;
import java.io.ObjectStreamClass;
import java.io.Serializable;
import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Values whose whole state a session can copy and compare without serializing them: <em>plain</em> values. A plain
 * value is an immutable JDK value ({@link AttributeValues#isImmutable}), a {@link Date}, an array of plain values,
 * one of a few JDK collections (ArrayList, LinkedList, ArrayDeque, HashSet, LinkedHashSet, TreeSet and TreeMap in
 * natural order, HashMap) whose keys are immutable and whose elements and values are plain, or an application
 * class that serializes by default: {@link Serializable}, not {@link Externalizable}, no {@code writeObject},
 * {@code readObject}, {@code writeReplace}, {@code readResolve} or {@code serialPersistentFields} in it or its
 * serializable superclasses, every superclass up to {@code Object} serializable, and plain values in its
 * non-transient fields (records by their components). Such a value's serialized form is a function of exactly that
 * state, so a copy made field by field, transient fields left unset, is what decoding its bytes again would give,
 * and comparing that state says whether it changed in place. Anything else (custom serialization, a class whose
 * fields cannot be reached, a graph deeper than the limit or larger than {@value #MAX_OBJECTS} objects) is not
 * plain and is compared by its encoding instead. Thread safe; what it learns of each class is kept.
 */
final class PlainValues {
    static final int MAX_OBJECTS = 10_000;
    /**
     * How many shared objects a walk first makes room for. A session value is usually an object or two holding
     * immutable leaves; the default room (21) costs a 64-slot table per walk, and a walk runs several times a
     * request. The map grows when a value needs more.
     */
    private static final int EXPECTED_OBJECTS = 4;

    private final int maxDepth;
    private final ConcurrentHashMap<Class<?>, Shape> shapes = new ConcurrentHashMap<>();

    /** @param maxDepth how deeply a plain value may nest ({@code session.max-value-depth}) */
    PlainValues(int maxDepth) {
        this.maxDepth = maxDepth;
    }

    /** Whether the value is plain, so that {@link #copy} and {@link #same} stand in for decoding and encoding. */
    boolean isPlain(Object value) {
        if (value == null) {
            return false;
        }
        if (AttributeValues.isImmutable(value)) {
            return true;
        }
        int[] budget = {MAX_OBJECTS};
        return plain(value, 1, new IdentityHashMap<>(EXPECTED_OBJECTS), budget);
    }

    private boolean plain(Object v, int depth, IdentityHashMap<Object, Boolean> seen, int[] budget) {
        if (v == null || immutable(v)) {
            return true;
        }
        if (depth > maxDepth || --budget[0] < 0) {
            return false;
        }
        if (seen.put(v, Boolean.TRUE) != null) {
            return true;
        }
        Class<?> type = v.getClass();
        if (type == Date.class) {
            return true;
        }
        if (type.isArray()) {
            if (type.getComponentType().isPrimitive()) {
                return true;
            }
            for (Object e : (Object[]) v) {
                if (!plain(e, depth + 1, seen, budget)) {
                    return false;
                }
            }
            return true;
        }
        if (isList(type) || isSet(type)) {
            if (v instanceof TreeSet<?> sorted && sorted.comparator() != null) {
                return false;
            }
            boolean keyed = isSet(type);
            for (Object e : (Collection<?>) v) {
                if (keyed ? e != null && !AttributeValues.isImmutable(e) : !plain(e, depth + 1, seen, budget)) {
                    return false;
                }
            }
            return true;
        }
        if (isMap(type)) {
            if (v instanceof TreeMap<?, ?> sorted && sorted.comparator() != null) {
                return false;
            }
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                if ((e.getKey() != null && !AttributeValues.isImmutable(e.getKey()))
                        || !plain(e.getValue(), depth + 1, seen, budget)) {
                    return false;
                }
            }
            return true;
        }
        Shape shape = shape(type);
        if (shape == null) {
            return false;
        }
        for (Field f : shape.fields) {
            if (!f.getType().isPrimitive() && !plain(get(f, v), depth + 1, seen, budget)) {
                return false;
            }
        }
        return true;
    }

    /** An independent copy of a plain value: immutable parts shared, everything else new, sharing kept. */
    Object copy(Object value) {
        return copy(value, new IdentityHashMap<>(EXPECTED_OBJECTS));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Object copy(Object v, IdentityHashMap<Object, Object> copies) {
        if (v == null || immutable(v)) {
            return v;
        }
        Object done = copies.get(v);
        if (done != null) {
            return done;
        }
        Class<?> type = v.getClass();
        if (type == Date.class) {
            Date d = new Date(((Date) v).getTime());
            copies.put(v, d);
            return d;
        }
        if (type.isArray()) {
            if (type.getComponentType().isPrimitive()) {
                Object c = primitiveClone(v);
                copies.put(v, c);
                return c;
            }
            Object[] source = (Object[]) v;
            Object[] c = (Object[]) java.lang.reflect.Array.newInstance(type.getComponentType(), source.length);
            copies.put(v, c);
            for (int i = 0; i < source.length; i++) {
                c[i] = copy(source[i], copies);
            }
            return c;
        }
        if (isList(type) || isSet(type)) {
            Collection c = emptyLike(type, ((Collection) v).size());
            copies.put(v, c);
            for (Object e : (Collection<?>) v) {
                c.add(copy(e, copies));
            }
            return c;
        }
        if (isMap(type)) {
            Map c = type == HashMap.class ? new HashMap() : new TreeMap();
            copies.put(v, c);
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                c.put(e.getKey(), copy(e.getValue(), copies));
            }
            return c;
        }
        Shape shape = Objects.requireNonNull(shape(type), "not a plain value");
        if (shape.canonical != null) {
            Object[] components = new Object[shape.fields.length];
            for (int i = 0; i < components.length; i++) {
                components[i] = copy(get(shape.fields[i], v), copies);
            }
            try {
                Object c = shape.canonical.newInstance(components);
                copies.put(v, c);
                return c;
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot copy a " + type.getName(), e);
            }
        }
        try {
            Object c = shape.instantiator.newInstance();
            copies.put(v, c);
            for (Field f : shape.fields) {
                f.set(c, f.getType().isPrimitive() ? f.get(v) : copy(f.get(v), copies));
            }
            return c;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot copy a " + type.getName(), e);
        }
    }

    /**
     * One pristine plain value, copied and compared again and again. What a walk of the value learns (which parts are
     * immutable and shared, which collections hold only immutable elements) is kept, so each copy makes only the
     * objects it must make anew and reads nothing else: a collection of immutable elements is copied as a block,
     * without visiting its elements, whose headers are mostly out of cache. {@link #matches} answers what
     * {@link #same} would of the value and another, following the value's own shape. Valid while the value is never
     * changed, which holds for the pristine values a store keeps and never hands out. Thread safe.
     */
    interface Template {
        Object copy();

        /** {@code same(live, pristine)}. */
        boolean matches(Object live);
    }

    /**
     * A {@link Template} of {@code pristine}, a plain value nobody changes. A value that reaches an object twice
     * (shared or cyclic) is copied by {@link #copy(Object)} and compared by {@link #same}, which keep that sharing.
     */
    Template template(Object pristine) {
        Template tree = tree(pristine, new IdentityHashMap<>(EXPECTED_OBJECTS));
        return tree != null ? tree : new Walked(pristine);
    }

    /** A template of a part that is a tree of objects, or null if it reaches an object twice. */
    private Template tree(Object v, IdentityHashMap<Object, Boolean> seen) {
        if (v == null || immutable(v)) {
            return new Leaf(v);
        }
        if (seen.put(v, Boolean.TRUE) != null) {
            return null;
        }
        Class<?> type = v.getClass();
        if (type == Date.class || (type.isArray() && type.getComponentType().isPrimitive())) {
            return new Walked(v);
        }
        if (type.isArray() || isList(type) || isSet(type)) {
            List<?> elements = type.isArray() ? Arrays.asList((Object[]) v) : new ArrayList<>((Collection<?>) v);
            Template[] parts = parts(elements, seen);
            return parts == null ? null : new Elements(v, parts);
        }
        if (isMap(type)) {
            Template[] parts = parts(((Map<?, ?>) v).values(), seen);
            return parts == null ? null : new Entries((Map<?, ?>) v, parts);
        }
        Shape shape = shape(type);
        if (shape == null) {
            return null;
        }
        Template[] parts = new Template[shape.fields.length];
        for (int i = 0; i < parts.length; i++) {
            Object x = get(shape.fields[i], v);
            if ((parts[i] = shape.fields[i].getType().isPrimitive() ? new Leaf(x) : tree(x, seen)) == null) {
                return null;
            }
        }
        return new Fields(type, shape, parts);
    }

    private Template[] parts(Collection<?> elements, IdentityHashMap<Object, Boolean> seen) {
        Template[] parts = new Template[elements.size()];
        int i = 0;
        for (Object e : elements) {
            if ((parts[i++] = tree(e, seen)) == null) {
                return null;
            }
        }
        return parts;
    }

    private static boolean allLeaves(Template[] parts) {
        for (Template part : parts) {
            if (!(part instanceof Leaf)) {
                return false;
            }
        }
        return true;
    }

    /** An immutable part (or null, or a primitive field's value): shared, compared by class and equals. */
    private record Leaf(Object value) implements Template {
        @Override
        public Object copy() {
            return value;
        }

        @Override
        public boolean matches(Object live) {
            return live == value || (live != null && value != null && live.getClass() == value.getClass()
                    && value.equals(live));
        }
    }

    /** A part copied and compared by the general walk: a date, a primitive array, or a value with sharing. */
    private final class Walked implements Template {
        private final Object value;

        Walked(Object value) {
            this.value = value;
        }

        @Override
        public Object copy() {
            return PlainValues.this.copy(value);
        }

        @Override
        public boolean matches(Object live) {
            return same(live, value);
        }
    }

    /** An array, list or set, and a template per element in iteration order. */
    private static final class Elements implements Template {
        private final Object source;
        private final Class<?> type;
        private final Template[] parts;
        private final boolean shallow;

        Elements(Object source, Template[] parts) {
            this.source = source;
            this.type = source.getClass();
            this.parts = parts;
            this.shallow = allLeaves(parts);
        }

        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        public Object copy() {
            if (type.isArray()) {
                Object[] c = ((Object[]) source).clone();
                if (!shallow) {
                    for (int i = 0; i < c.length; i++) {
                        c[i] = parts[i].copy();
                    }
                }
                return c;
            }
            Collection<?> from = (Collection<?>) source;
            if (shallow) {
                return filledLike(type, from);
            }
            Collection c = emptyLike(type, parts.length);
            for (Template part : parts) {
                c.add(part.copy());
            }
            return c;
        }

        @Override
        public boolean matches(Object live) {
            if (live == null || live.getClass() != type) {
                return false;
            }
            if (type == HashSet.class) {
                return source.equals(live);
            }
            Iterator<?> elements;
            if (type.isArray()) {
                Object[] array = (Object[]) live;
                if (array.length != parts.length) {
                    return false;
                }
                elements = Arrays.asList(array).iterator();
            } else {
                if (((Collection<?>) live).size() != parts.length) {
                    return false;
                }
                elements = ((Collection<?>) live).iterator();
            }
            for (Template part : parts) {
                if (!part.matches(elements.next())) {
                    return false;
                }
            }
            return true;
        }
    }

    /** A map with immutable keys, and a template per value in iteration order. */
    private static final class Entries implements Template {
        private final Map<?, ?> source;
        private final Object[] keys;
        private final Template[] parts;
        private final boolean shallow;

        Entries(Map<?, ?> source, Template[] parts) {
            this.source = source;
            this.keys = source.keySet().toArray();
            this.parts = parts;
            this.shallow = allLeaves(parts);
        }

        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        public Object copy() {
            boolean hashed = source.getClass() == HashMap.class;
            if (shallow) {
                return hashed ? new HashMap(source) : new TreeMap((TreeMap) source);
            }
            Map c = hashed ? new HashMap() : new TreeMap();
            for (int i = 0; i < keys.length; i++) {
                c.put(keys[i], parts[i].copy());
            }
            return c;
        }

        @Override
        public boolean matches(Object live) {
            if (live == null || live.getClass() != source.getClass() || ((Map<?, ?>) live).size() != keys.length) {
                return false;
            }
            Map<?, ?> map = (Map<?, ?>) live;
            if (live instanceof TreeMap<?, ?>) {
                Iterator<?> liveKeys = map.keySet().iterator();
                for (Object key : keys) {
                    if (!new Leaf(key).matches(liveKeys.next())) {
                        return false;
                    }
                }
            }
            for (int i = 0; i < keys.length; i++) {
                if (!map.containsKey(keys[i]) || !parts[i].matches(map.get(keys[i]))) {
                    return false;
                }
            }
            return true;
        }
    }

    /** An application class (or record) and a template per field (or component). */
    private record Fields(Class<?> type, Shape shape, Template[] parts) implements Template {
        @Override
        public Object copy() {
            try {
                if (shape.canonical != null) {
                    Object[] components = new Object[parts.length];
                    for (int i = 0; i < components.length; i++) {
                        components[i] = parts[i].copy();
                    }
                    return shape.canonical.newInstance(components);
                }
                Object c = shape.instantiator.newInstance();
                for (int i = 0; i < parts.length; i++) {
                    shape.fields[i].set(c, parts[i].copy());
                }
                return c;
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot copy a " + type.getName(), e);
            }
        }

        @Override
        public boolean matches(Object live) {
            if (live == null || live.getClass() != type) {
                return false;
            }
            for (int i = 0; i < parts.length; i++) {
                if (!parts[i].matches(get(shape.fields[i], live))) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * Whether two plain values hold the same state: same classes, equal leaves, the same elements (in order, where
     * the serialized form keeps one), the same fields.
     */
    boolean same(Object a, Object b) {
        return same(a, b, new IdentityHashMap<>(EXPECTED_OBJECTS));
    }

    private boolean same(Object a, Object b, IdentityHashMap<Object, Object> pairs) {
        if (a == b) {
            return true;
        }
        if (a == null || b == null || a.getClass() != b.getClass()) {
            return false;
        }
        if (immutable(a) || a.getClass() == Date.class) {
            return a.equals(b);
        }
        if (pairs.get(a) == b) {
            return true;
        }
        pairs.put(a, b);
        Class<?> type = a.getClass();
        if (type.isArray()) {
            if (type.getComponentType().isPrimitive()) {
                return java.util.Objects.deepEquals(a, b);
            }
            Object[] x = (Object[]) a;
            Object[] y = (Object[]) b;
            if (x.length != y.length) {
                return false;
            }
            for (int i = 0; i < x.length; i++) {
                if (!same(x[i], y[i], pairs)) {
                    return false;
                }
            }
            return true;
        }
        if (isList(type) || type == LinkedHashSet.class || type == TreeSet.class) {
            return sameInOrder((Collection<?>) a, (Collection<?>) b, pairs);
        }
        if (type == HashSet.class) {
            return a.equals(b);
        }
        if (isMap(type)) {
            Map<?, ?> x = (Map<?, ?>) a;
            Map<?, ?> y = (Map<?, ?>) b;
            if (x.size() != y.size()) {
                return false;
            }
            if (type == TreeMap.class && !sameInOrder(x.keySet(), y.keySet(), pairs)) {
                return false;
            }
            for (Map.Entry<?, ?> e : x.entrySet()) {
                if (!y.containsKey(e.getKey()) || !same(e.getValue(), y.get(e.getKey()), pairs)) {
                    return false;
                }
            }
            return true;
        }
        Shape shape = shape(type);
        if (shape == null) {
            return false;
        }
        for (Field f : shape.fields) {
            Object x = get(f, a);
            Object y = get(f, b);
            if (f.getType().isPrimitive() ? !x.equals(y) : !same(x, y, pairs)) {
                return false;
            }
        }
        return true;
    }

    private boolean sameInOrder(Collection<?> a, Collection<?> b, IdentityHashMap<Object, Object> pairs) {
        if (a.size() != b.size()) {
            return false;
        }
        Iterator<?> y = b.iterator();
        for (Object x : a) {
            if (!same(x, y.next(), pairs)) {
                return false;
            }
        }
        return true;
    }

    /** How an application class is copied and compared, or null if it is not a plain class. */
    private Shape shape(Class<?> type) {
        Shape known = shapes.get(type);
        if (known != null) {
            return known == Shape.NOT_PLAIN ? null : known;
        }
        Shape learned = learn(type);
        shapes.putIfAbsent(type, learned == null ? Shape.NOT_PLAIN : learned);
        return learned;
    }

    private static Shape learn(Class<?> type) {
        String name = type.getName();
        if (!Serializable.class.isAssignableFrom(type) || Externalizable.class.isAssignableFrom(type)
                || type.isArray() || type.isInterface() || type.isEnum() || type.isHidden()
                || name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.")
                || name.startsWith("sun.") || name.startsWith("com.sun.")) {
            return null;
        }
        try {
            List<Field> fields = new ArrayList<>();
            if (type.isRecord()) {
                if (customSerialization(type)) {
                    return null;
                }
                RecordComponent[] components = type.getRecordComponents();
                Class<?>[] types = new Class<?>[components.length];
                for (int i = 0; i < components.length; i++) {
                    Field f = type.getDeclaredField(components[i].getName());
                    f.setAccessible(true);
                    fields.add(f);
                    types[i] = components[i].getType();
                }
                Constructor<?> canonical = type.getDeclaredConstructor(types);
                canonical.setAccessible(true);
                return new Shape(fields.toArray(Field[]::new), null, canonical);
            }
            for (Class<?> c = type; c != Object.class; c = c.getSuperclass()) {
                if (!Serializable.class.isAssignableFrom(c) || customSerialization(c)) {
                    return null;
                }
                for (Field f : c.getDeclaredFields()) {
                    int m = f.getModifiers();
                    if (!Modifier.isStatic(m) && !Modifier.isTransient(m)) {
                        f.setAccessible(true);
                        fields.add(f);
                    }
                }
            }
            return new Shape(fields.toArray(Field[]::new), instantiator(type), null);
        } catch (ReflectiveOperationException | RuntimeException notReachable) {
            // A class in a named module that is not opened, or anything else reflection cannot do.
            return null;
        }
    }

    /** How deserialization makes an instance: no constructor of the class runs, only Object's. */
    private static Constructor<?> instantiator(Class<?> type) throws NoSuchMethodException {
        Constructor<?> c = sun.reflect.ReflectionFactory.getReflectionFactory().newConstructorForSerialization(type,
                Object.class.getDeclaredConstructor());
        c.setAccessible(true);
        return c;
    }

    private static boolean customSerialization(Class<?> c) {
        for (String method : List.of("writeObject", "readObject", "readObjectNoData", "writeReplace",
                "readResolve")) {
            for (Method m : c.getDeclaredMethods()) {
                if (m.getName().equals(method)) {
                    return true;
                }
            }
        }
        try {
            c.getDeclaredField("serialPersistentFields");
            return true;
        } catch (NoSuchFieldException absent) {
            return ObjectStreamClass.lookup(c) == null;
        }
    }

    /**
     * {@link AttributeValues#isImmutable}, asked first of the collections a walk visits, which it recognises by
     * identity: they are the objects a walk meets besides strings, and the immutable-class set's probe for a class it
     * lacks (a miss, megamorphic {@code equals} on cold class mirrors) took up to 2% of an embedded application's CPU
     * samples under the read-heavy benchmark, more than the rest of the cart's copy.
     */
    private static boolean immutable(Object v) {
        Class<?> type = v.getClass();
        return type == String.class
                || (!isList(type) && !isSet(type) && !isMap(type) && AttributeValues.isImmutable(v));
    }

    /** A new empty collection of a plain list or set class, with room for {@code size} where the class takes one. */
    @SuppressWarnings("rawtypes")
    private static Collection emptyLike(Class<?> type, int size) {
        return type == ArrayList.class ? new ArrayList(size) : type == LinkedList.class ? new LinkedList()
                : type == ArrayDeque.class ? new ArrayDeque() : type == HashSet.class ? new HashSet()
                : type == LinkedHashSet.class ? new LinkedHashSet() : new TreeSet();
    }

    /**
     * A new collection of the same plain list or set class holding {@code from}'s elements, copied as a block by the
     * class's copy constructor (a {@code TreeSet} keeps its ordering).
     */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Collection filledLike(Class<?> type, Collection from) {
        return type == ArrayList.class ? new ArrayList(from) : type == LinkedList.class ? new LinkedList(from)
                : type == ArrayDeque.class ? new ArrayDeque(from) : type == HashSet.class ? new HashSet(from)
                : type == LinkedHashSet.class ? new LinkedHashSet(from) : new TreeSet((TreeSet) from);
    }

    // Compared by identity, not looked up in a Set: a walk asks these of every object it visits, and a probe of a
    // shared immutable Set (megamorphic hashCode and equals) measured several times the cost of the comparisons.
    private static boolean isList(Class<?> type) {
        return type == ArrayList.class || type == LinkedList.class || type == ArrayDeque.class;
    }

    private static boolean isSet(Class<?> type) {
        return type == HashSet.class || type == LinkedHashSet.class || type == TreeSet.class;
    }

    private static boolean isMap(Class<?> type) {
        return type == HashMap.class || type == TreeMap.class;
    }

    private static Object get(Field f, Object owner) {
        try {
            return f.get(owner);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("field " + f + " cannot be read", e);
        }
    }

    private static Object primitiveClone(Object array) {
        int length = Array.getLength(array);
        Object copy = Array.newInstance(array.getClass().getComponentType(), length);
        System.arraycopy(array, 0, copy, 0, length);
        return copy;
    }

    /** An application class's fields (or a record's components) and how to make an instance. */
    private record Shape(Field[] fields, Constructor<?> instantiator, Constructor<?> canonical) {
        static final Shape NOT_PLAIN = new Shape(new Field[0], null, null);
    }
}
