package io.sessiongrid.spring.boot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sessiongrid.client.config.Channel;
import io.sessiongrid.client.config.Component;
import io.sessiongrid.client.config.Setting;
import io.sessiongrid.client.config.SettingKind;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.net.URL;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The IDE metadata ({@code META-INF/spring-configuration-metadata.json}) is the registry's Spring view: every
 * setting the starter reads, with its kind, default, description and choices, and nothing else. Run with
 * {@code -Dspring.metadata.write=true} to write the file after changing the registry.
 */
class PropertyMetadataTest {
    private static final String SOURCE = SessionGridProperties.class.getName();

    @Test
    void theMetadataIsTheRegistryRendered() throws IOException {
        String rendered = render();
        Path file = Path.of(System.getProperty("repository.dir", ".."), "spring-boot-starter", "src", "main",
                "resources", "META-INF", "spring-configuration-metadata.json");
        if (Boolean.getBoolean("spring.metadata.write")) {
            Files.writeString(file, rendered);
        }
        assertEquals(rendered, Files.readString(file), "the metadata is stale: run this test with"
                + " -Dspring.metadata.write=true");
    }

    @Test
    void theJarCarriesEveryPropertyTheStarterReads() throws IOException {
        Set<String> listed = new HashSet<>();
        // Spring Boot's jars carry files of the same name: the starter's is the one of the sessiongrid group.
        for (URL file : Collections.list(getClass().getClassLoader()
                .getResources("META-INF/spring-configuration-metadata.json"))) {
            try (InputStream in = file.openStream()) {
                JsonNode metadata = new ObjectMapper().readTree(in);
                if (metadata.path("groups").path(0).path("name").asText().equals("sessiongrid")) {
                    metadata.path("properties").forEach(p -> listed.add(p.path("name").asText()));
                }
            }
        }
        Set<String> read = new HashSet<>();
        for (Setting s : Setting.values()) {
            if (s.isReadBy(Component.SPRING_BOOT)) {
                read.add(Channel.SPRING_PROPERTY.spell(s.key()));
            }
        }
        assertEquals(read, listed);
    }

    private static String render() throws IOException {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = json.createObjectNode();
        root.putArray("groups").addObject().put("name", "sessiongrid").put("type", SOURCE)
                .put("description", "The session grid: where HttpSessions live (docs/configuration.md).");
        ArrayNode properties = root.putArray("properties");
        ArrayNode hints = root.putArray("hints");
        for (Setting s : Setting.values()) {
            if (!s.isReadBy(Component.SPRING_BOOT)) {
                continue;
            }
            String name = Channel.SPRING_PROPERTY.spell(s.key());
            ObjectNode p = properties.addObject().put("name", name).put("type", javaType(s.kind()))
                    .put("description", description(s)).put("sourceType", SOURCE);
            s.defaultValue().ifPresent(v -> {
                if (s.kind() == SettingKind.LIST) {
                    ArrayNode values = p.putArray("defaultValue");
                    for (String item : v.split(",")) {
                        values.add(item.trim());
                    }
                } else if (s.kind() == SettingKind.BOOLEAN) {
                    p.put("defaultValue", Boolean.parseBoolean(v));
                } else if (s.kind() == SettingKind.INTEGER) {
                    p.put("defaultValue", Long.parseLong(v));
                } else {
                    p.put("defaultValue", v);
                }
            });
            if (s.kind() == SettingKind.CHOICE) {
                ArrayNode values = hints.addObject().put("name", name).putArray("values");
                s.choices().forEach(c -> values.addObject().put("value", c));
            }
        }
        return json.writeValueAsString(root) + "\n";
    }

    /** Durations and byte counts are text in the registry's own forms (30s, 64KB), which Spring's types differ from. */
    private static String javaType(SettingKind kind) {
        return switch (kind) {
            case INTEGER -> "java.lang.Integer";
            case BOOLEAN -> "java.lang.Boolean";
            case LIST -> "java.util.List<java.lang.String>";
            case TEXT, BYTES, DURATION, CHOICE -> "java.lang.String";
        };
    }

    private static String description(Setting s) {
        String d = Character.toUpperCase(s.description().charAt(0)) + s.description().substring(1);
        String form = switch (s.kind()) {
            case DURATION, BYTES -> " (" + s.kind().description() + ")";
            default -> "";
        };
        return d + form + ".";
    }
}
