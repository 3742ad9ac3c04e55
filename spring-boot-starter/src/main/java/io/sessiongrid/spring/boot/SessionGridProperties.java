package io.sessiongrid.spring.boot;

import io.sessiongrid.client.api.StoreSettings;
import io.sessiongrid.client.config.Channel;
import io.sessiongrid.client.config.Component;
import io.sessiongrid.client.config.Setting;
import io.sessiongrid.client.config.SettingValues;
import io.sessiongrid.client.hazelcast.ClientSettings;
import io.sessiongrid.client.hazelcast.MemberSettings;
import io.sessiongrid.servlet.SessionFilterSettings;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.util.ClassUtils;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The application's {@code sessiongrid.*} properties, read through the settings registry, so each has the name,
 * default and validation it has everywhere else. Read from every property source Spring has (files, the command
 * line, and environment variables, which Spring maps: {@code SESSIONGRID_CLUSTER_NAME} is
 * {@code sessiongrid.cluster.name}); a YAML list is a comma-separated list. Every value is checked when this is
 * made, so a wrong one stops the application's start naming the property. Immutable.
 */
public final class SessionGridProperties {
    private static final Pattern INDEX = Pattern.compile("\\[\\d+]$");
    /**
     * What Spring Security keeps in a session (the security context with its authentication and user, the saved
     * request, the CSRF token): allowed whenever Spring Security is on the class path, so a login needs no setting.
     */
    static final String SPRING_SECURITY_CLASSES = "org.springframework.security.**";

    /** Where the sessions live, from {@code sessiongrid.grid.mode}. */
    public enum Mode {
        CLIENT, EMBEDDED, INSTANCE, LOCAL
    }

    private final SettingValues values;

    private SessionGridProperties(SettingValues values) {
        this.values = values;
        // Fail on every value now, not when the grid is reached.
        store();
        client();
        member();
        // A reactive application has no servlet API, and no filter to configure.
        if (ClassUtils.isPresent("jakarta.servlet.Filter", getClass().getClassLoader())) {
            filter(getClass().getClassLoader());
        }
    }

    /** @throws io.sessiongrid.client.config.SettingException naming the property as the application wrote it */
    public static SessionGridProperties read(ConfigurableEnvironment environment) {
        TreeSet<String> names = new TreeSet<>();
        for (PropertySource<?> source : environment.getPropertySources()) {
            if (source instanceof EnumerablePropertySource<?> enumerable) {
                for (String name : enumerable.getPropertyNames()) {
                    String base = INDEX.matcher(name).replaceFirst("");
                    if (Channel.SPRING_PROPERTY.isOurs(base)) {
                        names.add(base);
                    }
                }
            }
        }
        // Environment variables are not spelt as properties; Spring finds them when asked by property name.
        for (Setting s : Setting.values()) {
            String name = Channel.SPRING_PROPERTY.spell(s.key());
            if (s.isReadBy(Component.SPRING_BOOT) && valueOf(environment, name) != null) {
                names.add(name);
            }
        }
        Map<String, String> given = new LinkedHashMap<>();
        for (String name : names) {
            String value = valueOf(environment, name);
            if (value != null) {
                given.put(name, value);
            }
        }
        return new SessionGridProperties(SettingValues.read(Component.SPRING_BOOT, Channel.SPRING_PROPERTY, given));
    }

    /** The value as text; a list given item by item ({@code name[0]}, {@code name[1]}, …) joined with commas. */
    private static String valueOf(ConfigurableEnvironment environment, String name) {
        String value = environment.getProperty(name);
        if (value != null) {
            return value;
        }
        List<String> items = new ArrayList<>();
        for (int i = 0; environment.getProperty(name + "[" + i + "]") != null; i++) {
            items.add(environment.getProperty(name + "[" + i + "]"));
        }
        return items.isEmpty() ? null : String.join(",", items);
    }

    public Mode mode() {
        return Mode.valueOf(values.choice(Setting.GRID_MODE).orElseThrow().toUpperCase(Locale.ROOT));
    }

    /** With {@link #SPRING_SECURITY_CLASSES} allowed too, when Spring Security is on the class path. */
    public StoreSettings store() {
        StoreSettings.Builder b = StoreSettings.configured(values);
        if (ClassUtils.isPresent("org.springframework.security.core.context.SecurityContextImpl",
                getClass().getClassLoader())) {
            b.allowClasses(SPRING_SECURITY_CLASSES);
        }
        return values.checked(b::build);
    }

    public ClientSettings client() {
        return values.checked(ClientSettings.configured(values)::build);
    }

    public MemberSettings member() {
        return values.checked(MemberSettings.configured(values)::build);
    }

    /** The filter's settings, in a builder for what properties cannot say (the meter registry, id channels). */
    public SessionFilterSettings.Builder filter(ClassLoader loader) {
        return SessionFilterSettings.configured(values, loader);
    }

    /** The properties as the registry read them, for a component of the application's own. */
    public SettingValues values() {
        return values;
    }
}
