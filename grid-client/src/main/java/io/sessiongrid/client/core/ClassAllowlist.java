package io.sessiongrid.client.core;

import java.io.ObjectInputFilter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Which classes may appear in a stored attribute value: the JDK's value types and collections, plus the
 * application's configured patterns; everything else is refused before it is instantiated. Also bounds what one
 * stream may cost to read: its nesting depth (a value of nested hash sets costs twice as much per level, so depth
 * is what bounds its time), and each array to what the stream's bytes could fill (so a few bytes cannot
 * allocate a large array, nor a collection pre-size itself beyond its content). Immutable and thread safe.
 */
public final class ClassAllowlist {
    /**
     * JDK packages whose serializable classes are plain values or collections of them. Not {@code java.net.URL}:
     * its {@code hashCode} resolves the host name, so a map keyed by URLs would look up attacker-chosen names when
     * decoded.
     */
    static final List<String> JDK_DEFAULTS = List.of(
            "java.lang.*", "java.util.*", "java.util.concurrent.*", "java.util.concurrent.atomic.*",
            "java.time.*", "java.time.chrono.*", "java.math.*", "java.net.URI");

    private final ObjectInputFilter classes;
    /**
     * Each class's answer, decided once: the pattern filter depends on the class alone, and matching its name against
     * every pattern ran for each class of each value encoded or decoded (about 1% of an application's CPU in a
     * write-heavy profile). Dropped with this allowlist or with the class.
     */
    private final ClassValue<Boolean> decisions = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            return decide(type);
        }
    };
    private final String patterns;
    private final int maxDepth;

    /** @param maxDepth the deepest nesting a stored value may have ({@code session.max-value-depth}) */
    public ClassAllowlist(List<String> applicationPatterns, int maxDepth) {
        List<String> all = new ArrayList<>(JDK_DEFAULTS);
        all.addAll(applicationPatterns);
        this.patterns = String.join(";", all);
        this.classes = ObjectInputFilter.Config.createFilter(patterns + ";!*");
        this.maxDepth = maxDepth;
    }

    public int maxDepth() {
        return maxDepth;
    }

    /** Whether a class, or an array of it, may be stored. Primitive arrays always may. */
    public boolean allows(Class<?> type) {
        return decisions.get(type);
    }

    private boolean decide(Class<?> type) {
        Class<?> element = type;
        while (element.isArray()) {
            element = element.getComponentType();
        }
        if (element.isPrimitive()) {
            return true;
        }
        return classes.checkInput(new ClassOnly(type)) == ObjectInputFilter.Status.ALLOWED;
    }

    /**
     * The filter for one stream of {@code streamBytes} bytes; why it first refuses is passed to {@code onRejected}
     * (a class name, or the limit that was crossed).
     */
    ObjectInputFilter streamFilter(long streamBytes, Consumer<Refusal> onRejected) {
        return info -> {
            if (info.depth() > maxDepth) {
                onRejected.accept(new Refusal(null, "nests deeper than " + maxDepth + " levels"
                        + " (session.max-value-depth)"));
                return ObjectInputFilter.Status.REJECTED;
            }
            Class<?> type = info.serialClass();
            if (type != null && type.isArray() && info.arrayLength() >= 0) {
                // The stream's whole length, not what is left of it: the stream reads ahead in blocks.
                long needed = info.arrayLength() * elementBytes(type.getComponentType());
                if (needed > streamBytes) {
                    onRejected.accept(new Refusal(null, "claims an array of " + info.arrayLength()
                            + " elements, more than its " + streamBytes + " bytes can hold"));
                    return ObjectInputFilter.Status.REJECTED;
                }
            }
            if (type != null && !allows(type)) {
                onRejected.accept(new Refusal(type.getName(), null));
                return ObjectInputFilter.Status.REJECTED;
            }
            return ObjectInputFilter.Status.ALLOWED;
        };
    }

    /** The fewest stream bytes one element of an array takes: its size for primitives, one byte (a null) else. */
    private static long elementBytes(Class<?> component) {
        if (component == long.class || component == double.class) {
            return 8;
        }
        if (component == int.class || component == float.class) {
            return 4;
        }
        if (component == short.class || component == char.class) {
            return 2;
        }
        return 1;
    }

    @Override
    public String toString() {
        return patterns + ";maxdepth=" + maxDepth;
    }

    /** Why a stream was refused: a class outside the allowlist, or a limit it crossed. */
    record Refusal(String className, String limit) {
    }

    private record ClassOnly(Class<?> serialClass) implements ObjectInputFilter.FilterInfo {
        @Override
        public long arrayLength() {
            return -1;
        }

        @Override
        public long depth() {
            return 1;
        }

        @Override
        public long references() {
            return 1;
        }

        @Override
        public long streamBytes() {
            return 0;
        }
    }
}
