package io.sessiongrid.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code docs/api.md} and the code agree: every public type of an API package is listed there, every type listed
 * is public, and every other package with public types is named there as internal.
 */
class ApiSurfaceTest {
    private static final Pattern PACKAGE_HEADING = Pattern.compile("^## `([a-z.]+)`");
    private static final Pattern ROW = Pattern.compile("^\\| `([A-Za-z.]+)` \\|");

    private static Map<String, Set<String>> documented;
    private static List<String> internal;
    private static Map<String, Set<String>> publicTypes;

    @BeforeAll
    static void read() throws IOException {
        Path page = Path.of(System.getProperty("repository.dir", ".."), "docs", "api.md");
        documented = new TreeMap<>();
        internal = new ArrayList<>();
        String section = null;
        for (String line : Files.readAllLines(page)) {
            Matcher heading = PACKAGE_HEADING.matcher(line);
            if (heading.find()) {
                section = heading.group(1);
                documented.put(section, new TreeSet<>());
            } else if (line.startsWith("## ")) {
                section = line.equals("## Internal packages") ? "" : null;
            }
            Matcher row = ROW.matcher(line);
            if (section != null && row.find()) {
                if (section.isEmpty()) {
                    internal.add(row.group(1));
                } else {
                    documented.get(section).add(row.group(1));
                }
            }
        }
        publicTypes = new TreeMap<>();
        for (JavaClass c : ProjectClasses.load()) {
            if (c.isTopLevelClass() && c.getModifiers().contains(JavaModifier.PUBLIC)
                    && !c.getSimpleName().equals("package-info")) {
                publicTypes.computeIfAbsent(c.getPackageName(), p -> new TreeSet<>()).add(c.getSimpleName());
            }
        }
    }

    @Test
    void thePageListsTheApiPackagesAndTheInternalOnes() {
        assertTrue(documented.containsKey("io.sessiongrid.servlet")
                && documented.containsKey("io.sessiongrid.client.api"), "docs/api.md has a section per API package: "
                + documented.keySet());
        assertFalse(internal.isEmpty(), "docs/api.md names the internal packages");
    }

    @Test
    void everyApiPackageExposesExactlyTheTypesThePageLists() {
        for (Map.Entry<String, Set<String>> section : documented.entrySet()) {
            assertEquals(section.getValue(), publicTypes.getOrDefault(section.getKey(), Set.of()),
                    "public types of " + section.getKey() + " (left: docs/api.md, right: the code)");
        }
    }

    @Test
    void everyOtherPackageWithPublicTypesIsDeclaredInternal() {
        for (String pkg : publicTypes.keySet()) {
            boolean isApi = documented.containsKey(pkg);
            boolean isInternal = internal.stream().anyMatch(p -> pkg.equals(p) || pkg.startsWith(p + "."));
            assertTrue(isApi != isInternal, pkg + " must be either an API section or an internal package in"
                    + " docs/api.md, not " + (isApi ? "both" : "neither"));
        }
    }
}
