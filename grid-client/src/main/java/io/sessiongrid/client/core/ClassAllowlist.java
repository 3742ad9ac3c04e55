package io.sessiongrid.client.core;

import java.io.ObjectInputFilter;
import java.util.ArrayList;
import java.util.List;

/**
 * Which classes may appear in a stored attribute value: the JDK's value types and collections, plus the
 * application's configured patterns; everything else is refused before it is instantiated. Also bounds the
 * depth, reference count and array lengths of a stream, so a hostile value cannot exhaust memory. Immutable
 * and thread safe.
 */
public final class ClassAllowlist {
    /** JDK packages whose serializable classes are plain values or collections of them. */
    static final List<String> JDK_DEFAULTS = List.of(
            "java.lang.*", "java.util.*", "java.util.concurrent.*", "java.util.concurrent.atomic.*",
            "java.time.*", "java.time.chrono.*", "java.math.*", "java.net.URI", "java.net.URL");

    private final ObjectInputFilter filter;
    private final String patterns;

    public ClassAllowlist(List<String> applicationPatterns) {
        List<String> all = new ArrayList<>(JDK_DEFAULTS);
        all.addAll(applicationPatterns);
        this.patterns = String.join(";", all);
        this.filter = ObjectInputFilter.Config.createFilter(
                "maxdepth=64;maxrefs=1000000;maxarray=16777216;" + patterns + ";!*");
    }

    /** Whether a class, or an array of it, may be stored. Primitive arrays always may. */
    public boolean allows(Class<?> type) {
        Class<?> element = type;
        while (element.isArray()) {
            element = element.getComponentType();
        }
        if (element.isPrimitive()) {
            return true;
        }
        return filter.checkInput(new ClassOnly(type)) == ObjectInputFilter.Status.ALLOWED;
    }

    /** The filter for one stream; the class it first refuses is passed to {@code onRejected}. */
    ObjectInputFilter streamFilter(java.util.function.Consumer<String> onRejected) {
        return info -> {
            ObjectInputFilter.Status status = filter.checkInput(info);
            Class<?> type = info.serialClass();
            if (status == ObjectInputFilter.Status.UNDECIDED && type != null && allows(type)) {
                return ObjectInputFilter.Status.ALLOWED;
            }
            // A call without a class checks only the stream's limits: undecided means within them.
            boolean refused = type == null ? status == ObjectInputFilter.Status.REJECTED
                    : status != ObjectInputFilter.Status.ALLOWED;
            if (refused) {
                onRejected.accept(type == null ? "(stream over depth, reference or array limits)" : type.getName());
                return ObjectInputFilter.Status.REJECTED;
            }
            return ObjectInputFilter.Status.ALLOWED;
        };
    }

    @Override
    public String toString() {
        return patterns;
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
