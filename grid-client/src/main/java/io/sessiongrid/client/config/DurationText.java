package io.sessiongrid.client.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads durations written in configuration as {@code 500ms}, {@code 30s}, {@code 2m} or {@code 1h}. */
final class DurationText {
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");

    private DurationText() {
    }

    /** @throws IllegalArgumentException naming the key when the text is not such a duration */
    static Duration parse(String key, String text) {
        Matcher m = DURATION.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException(key + " must be a duration such as 500ms, 30s, 2m or 1h, got \""
                    + text + "\"");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
    }
}
