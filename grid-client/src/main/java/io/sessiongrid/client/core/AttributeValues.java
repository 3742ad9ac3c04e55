package io.sessiongrid.client.core;

import java.util.Set;

/**
 * Which attribute values can never change in place: exact JDK value classes and enums (a subclass may add state),
 * so that no request needs to check them for such a change. Other values a session can still copy and compare
 * without serializing them are {@link PlainValues plain}. Stateless.
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
        Class<?> type = value.getClass();
        // Strings are most of the leaves a copy or a comparison of a plain value visits, often dozens per request.
        // Every class in IMMUTABLE comes from the boot loader, so an application class skips the probe.
        return type == String.class || value instanceof Enum<?>
                || (type.getClassLoader() == null && IMMUTABLE.contains(type));
    }
}
