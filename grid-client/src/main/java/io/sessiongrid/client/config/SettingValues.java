package io.sessiongrid.client.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The settings one component was given, each remembered with the channel it came through, read as typed values
 * with the registry's defaults. Unknown keys are refused when the values are read in, so a typo never falls back
 * to a default; every error names the key as the user spelt it. Immutable and thread safe.
 */
public final class SettingValues {
    private final Component component;
    private final Map<Setting, Given> given;

    private SettingValues(Component component, Map<Setting, Given> given) {
        this.component = component;
        this.given = given;
    }

    private record Given(String text, Channel channel) {
    }

    /** No value given: every read answers the default. */
    public static SettingValues none(Component component) {
        return new SettingValues(component, new EnumMap<>(Setting.class));
    }

    /**
     * Reads the keys of one channel; keys that are not ours ({@link Channel#isOurs}) are skipped, list values
     * (YAML sequences) are joined with commas.
     *
     * @throws SettingException for a key that names no setting this component reads
     */
    public static SettingValues read(Component component, Channel channel, Map<String, ?> keys) {
        Map<Setting, Given> given = new EnumMap<>(Setting.class);
        for (Map.Entry<String, ?> e : keys.entrySet()) {
            String key = e.getKey();
            if (!channel.isOurs(key)) {
                continue;
            }
            Setting setting = Setting.named(channel, key).orElseThrow(() -> unknown(component, channel, key));
            if (!setting.isReadBy(component)) {
                if (channel == Channel.ENVIRONMENT) {
                    continue; // one environment serves several programs: another one reads this variable
                }
                throw new SettingException(channel.noun() + " " + key + " is not read by " + component.label()
                        + "; it is read by " + setting.readers().stream().map(Component::label)
                        .collect(Collectors.joining(", ")));
            }
            given.put(setting, new Given(text(e.getValue()), channel));
        }
        return new SettingValues(component, given);
    }

    /** These values, with each one also given in {@code later} replaced by that one. */
    public SettingValues overriddenBy(SettingValues later) {
        Map<Setting, Given> merged = new EnumMap<>(Setting.class);
        merged.putAll(given);
        merged.putAll(later.given);
        return new SettingValues(component, merged);
    }

    /** Whether the component these values were read for reads {@code setting} at all. */
    public boolean isReadHere(Setting setting) {
        return setting.isReadBy(component);
    }

    public boolean isGiven(Setting setting) {
        return given.containsKey(setting);
    }

    /** The key as the user wrote it, or in the component's first channel if it was not given. */
    public String spelled(Setting setting) {
        Given g = given.get(setting);
        return (g != null ? g.channel : component.channels().get(0)).spell(setting.key());
    }

    /** The given or default text, trimmed; empty if neither. */
    public Optional<String> text(Setting setting) {
        Given g = given.get(setting);
        if (g != null && !g.text.isBlank()) {
            return Optional.of(g.text.trim());
        }
        return setting.defaultValue();
    }

    public Optional<Integer> integer(Setting setting) {
        return text(setting).map(t -> {
            try {
                return Integer.parseInt(t);
            } catch (NumberFormatException e) {
                throw invalid(setting, "must be a whole number");
            }
        });
    }

    public Optional<Duration> duration(Setting setting) {
        return text(setting).map(t -> {
            try {
                return DurationText.parse(setting.key(), t);
            } catch (IllegalArgumentException e) {
                throw invalid(setting, "must be a duration such as 500ms, 30s, 2m or 1h");
            }
        });
    }

    public Optional<Boolean> bool(Setting setting) {
        return text(setting).map(t -> {
            if (!t.equalsIgnoreCase("true") && !t.equalsIgnoreCase("false")) {
                throw invalid(setting, "must be true or false");
            }
            return Boolean.parseBoolean(t);
        });
    }

    /** The items of a comma-separated value, trimmed, blanks dropped; empty if none. */
    public List<String> list(Setting setting) {
        List<String> items = new ArrayList<>();
        for (String part : text(setting).orElse("").split(",")) {
            if (!part.isBlank()) {
                items.add(part.trim());
            }
        }
        return items;
    }

    /** A {@link SettingKind#CHOICE} value, in the registry's spelling of the choice. */
    public Optional<String> choice(Setting setting) {
        return text(setting).map(t -> setting.choices().stream().filter(c -> c.equalsIgnoreCase(t)).findFirst()
                .orElseThrow(() -> invalid(setting, "must be one of " + String.join(", ", setting.choices()))));
    }

    /**
     * Hands a value to a builder method and answers the method's own refusal as an error about the key as the
     * user spelt it (builders name the registry's key).
     */
    public <T> void apply(Setting setting, Optional<T> value, Consumer<T> use) {
        value.ifPresent(v -> checked(() -> {
            try {
                use.accept(v);
            } catch (SettingException e) {
                throw e;
            } catch (IllegalArgumentException e) {
                String message = String.valueOf(e.getMessage());
                throw message.contains(setting.key()) ? e : new IllegalArgumentException(setting.key() + ": " + message,
                        e);
            }
            return null;
        }));
    }

    /**
     * Runs work that builds settings from several values; a refusal naming registry keys is answered with the
     * keys as the user spelt them.
     */
    public <T> T checked(Supplier<T> work) {
        try {
            return work.get();
        } catch (SettingException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            String message = String.valueOf(e.getMessage());
            for (Map.Entry<Setting, Given> g : given.entrySet()) {
                String key = g.getKey().key();
                String spelled = g.getValue().channel.spell(key);
                if (!spelled.equals(key)) {
                    message = message.replaceAll("(?<![A-Za-z0-9._-])" + Pattern.quote(key) + "(?![A-Za-z0-9_-])",
                            Matcher.quoteReplacement(spelled));
                }
            }
            throw new SettingException(message, e);
        }
    }

    /** An error saying the key's value is wrong, naming the key as given and the value. */
    public SettingException invalid(Setting setting, String problem) {
        Given g = given.get(setting);
        return new SettingException(spelled(setting) + " " + problem + ", got \""
                + (g != null ? g.text : setting.defaultValue().orElse("")) + "\"");
    }

    private static SettingException unknown(Component component, Channel channel, String key) {
        Optional<Setting> renamed = Setting.formerlyNamed(channel, key);
        if (renamed.isPresent()) {
            return new SettingException(channel.noun() + " " + key + " is now called "
                    + channel.spell(renamed.get().key()));
        }
        return new SettingException("unknown " + channel.noun() + " " + key + "; " + component.label() + " reads "
                + known(component, channel));
    }

    private static String known(Component component, Channel channel) {
        return Arrays.stream(Setting.values()).filter(s -> s.isReadBy(component)).map(s -> channel.spell(s.key()))
                .sorted().collect(Collectors.joining(", "));
    }

    private static String text(Object value) {
        if (value instanceof Collection<?> items) {
            return items.stream().map(String::valueOf).map(String::trim).collect(Collectors.joining(","));
        }
        return value == null ? "" : String.valueOf(value);
    }
}
