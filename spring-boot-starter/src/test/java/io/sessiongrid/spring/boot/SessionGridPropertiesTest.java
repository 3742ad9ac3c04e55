package io.sessiongrid.spring.boot;

import io.sessiongrid.client.config.SettingException;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How the starter reads a Spring environment: every source, environment variables, YAML lists, precedence. */
class SessionGridPropertiesTest {
    private static StandardEnvironment environment(Map<String, Object> environmentVariables,
                                                   Map<String, Object> file) {
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        env.getPropertySources().addLast(new SystemEnvironmentPropertySource("env", environmentVariables));
        env.getPropertySources().addLast(new MapPropertySource("application.yaml", file));
        return env;
    }

    @Test
    void environmentVariablesYamlListsAndDefaultsAreRead() {
        SessionGridProperties p = SessionGridProperties.read(environment(
                Map.of("SESSIONGRID_CLUSTER_NAME", "from-env", "SESSIONGRID_CLIENT_CONNECT_TIMEOUT", "3s"),
                Map.of("sessiongrid.client.addresses[0]", "10.0.0.1:5701",
                        "sessiongrid.client.addresses[1]", "10.0.0.2:5701")));
        assertEquals("from-env", p.client().clusterName());
        assertEquals(Duration.ofSeconds(3), p.client().connectTimeout());
        assertEquals(List.of("10.0.0.1:5701", "10.0.0.2:5701"), p.client().addresses());
        assertEquals(SessionGridProperties.Mode.CLIENT, p.mode(), "the registry's default");
    }

    @Test
    void anEnvironmentVariableOverridesTheFileAsSpringOrdersThem() {
        SessionGridProperties p = SessionGridProperties.read(environment(Map.of("SESSIONGRID_CLUSTER_NAME", "env"),
                Map.of("sessiongrid.cluster.name", "file")));
        assertEquals("env", p.client().clusterName());
    }

    @Test
    void springSecuritysSessionClassesAreAllowedWhenItIsPresent() {
        SessionGridProperties p = SessionGridProperties.read(environment(Map.of(), Map.of()));
        assertTrue(p.store().allowedClasses().contains(SessionGridProperties.SPRING_SECURITY_CLASSES));
    }

    @Test
    void aBadEnvironmentVariableIsNamedAsAProperty() {
        SettingException e = assertThrows(SettingException.class, () -> SessionGridProperties.read(environment(
                Map.of("SESSIONGRID_SESSION_LOCK_WAIT", "soon"), Map.of())));
        assertTrue(e.getMessage().contains("sessiongrid.session.lock-wait"), e.getMessage());
    }
}
