package io.sessiongrid.client.config;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code docs/configuration.md} is the registry, rendered. Run with {@code -Dconfiguration.doc.write=true} to
 * write it after changing a setting.
 */
class ConfigurationDocTest {
    @Test
    void theConfigurationPageIsTheRegistryRendered() throws IOException {
        Path page = Path.of(System.getProperty("repository.dir", ".."), "docs", "configuration.md");
        String rendered = ConfigurationDoc.markdown();
        if (Boolean.getBoolean("configuration.doc.write")) {
            Files.writeString(page, rendered, StandardCharsets.UTF_8);
        }
        String onDisk = Files.exists(page) ? Files.readString(page, StandardCharsets.UTF_8) : "";
        assertEquals(rendered, onDisk, page + " is stale: regenerate it with mvn -pl grid-client test"
                + " -Dtest=ConfigurationDocTest -Dconfiguration.doc.write=true");
    }
}
