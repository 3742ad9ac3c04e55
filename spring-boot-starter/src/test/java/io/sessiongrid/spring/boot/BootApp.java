package io.sessiongrid.spring.boot;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Spring Boot application with the starter on its class path and nothing else of ours: the tests start real
 * instances of it on 127.0.0.1 (embedded Tomcat, a free port) and talk to them over HTTP. Nothing is scanned:
 * the auto-configuration alone decides what the starter adds.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(BootApp.Sessions.class)
public class BootApp {
    /** Starts one instance with these properties (as command-line arguments); close it to stop it. */
    static Instance start(String... properties) {
        return start(BootApp.class, properties);
    }

    static Instance start(Class<?> application, String... properties) {
        return start(application, Map.of(), properties);
    }

    /** With beans the test made (a HazelcastInstance of its grid), registered before any other. */
    static Instance start(Class<?> application, Map<String, Object> beans, String... properties) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--server.address=127.0.0.1",
                "--spring.main.banner-mode=off", "--management.endpoints.web.exposure.include=health",
                "--management.endpoint.health.show-details=always"));
        args.addAll(List.of(properties));
        SpringApplication app = new SpringApplication(application);
        app.addInitializers(context -> beans.forEach(context.getBeanFactory()::registerSingleton));
        return new Instance(app.run(args.toArray(String[]::new)));
    }

    /** One running instance. */
    record Instance(ConfigurableApplicationContext context) implements AutoCloseable {
        int port() {
            return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
        }

        URI uri(String path) {
            return URI.create("http://127.0.0.1:" + port() + path);
        }

        HttpResponse<String> send(HttpClient client, String method, String path) throws Exception {
            return client.send(HttpRequest.newBuilder(uri(path)).method(method, HttpRequest.BodyPublishers.noBody())
                    .build(), HttpResponse.BodyHandlers.ofString());
        }

        @Override
        public void close() {
            context.close();
        }
    }

    @RestController
    static class Sessions {
        @PostMapping("/set")
        String set(HttpServletRequest request, @RequestParam("name") String name,
                   @RequestParam("value") String value) {
            request.getSession().setAttribute(name, value);
            return "ok";
        }

        @GetMapping("/get")
        String get(HttpServletRequest request, @RequestParam("name") String name) {
            HttpSession session = request.getSession(false);
            Object value = session == null ? null : session.getAttribute(name);
            return session == null ? "no-session" : String.valueOf(value);
        }
    }
}
