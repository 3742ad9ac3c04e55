package io.sessiongrid.spring.session;

import io.sessiongrid.client.api.SessionStore;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.config.annotation.web.http.EnableSpringHttpSession;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * A Spring Boot application that runs Spring Session's own filter ({@code @EnableSpringHttpSession}) over
 * {@link GridSessionRepository}; the starter only opens the store. Started for real on 127.0.0.1 by the tests.
 */
@SpringBootConfiguration
// Spring Security is on this module's test class path for the WebFlux tests; these pages are open.
@EnableAutoConfiguration(excludeName = {"org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration"})
@EnableSpringHttpSession
@Import(SpringSessionApp.Pages.class)
public class SpringSessionApp {
    @Bean
    GridSessionRepository sessionRepository(SessionStore store, ApplicationEventPublisher events) {
        return new GridSessionRepository(store, events);
    }

    @Bean
    TestApplications.ExpiredEvents expiredEvents() {
        return new TestApplications.ExpiredEvents();
    }

    static ConfigurableApplicationContext start(String... properties) {
        return TestApplications.start(SpringSessionApp.class, List.of(properties));
    }

    @RestController
    static class Pages {
        @PostMapping("/set")
        String set(HttpServletRequest request, @RequestParam("name") String name,
                   @RequestParam("value") String value) {
            request.getSession().setAttribute(name, value);
            return "ok";
        }

        @GetMapping("/get")
        String get(HttpServletRequest request, @RequestParam("name") String name) {
            HttpSession session = request.getSession(false);
            return session == null ? "no-session" : String.valueOf(session.getAttribute(name));
        }

        @GetMapping("/names")
        String names(HttpServletRequest request) {
            HttpSession session = request.getSession(false);
            return session == null ? "no-session" : String.valueOf(java.util.Collections.list(
                    session.getAttributeNames()).stream().sorted().toList());
        }

        @PostMapping("/login")
        String login(HttpServletRequest request, @RequestParam("user") String user) {
            request.changeSessionId();
            request.getSession().setAttribute(FindByIndexNameSessionRepository.PRINCIPAL_NAME_INDEX_NAME, user);
            return "ok";
        }

        @PostMapping("/idle")
        String idle(HttpServletRequest request, @RequestParam("seconds") int seconds) {
            request.getSession().setMaxInactiveInterval(seconds);
            return "ok";
        }
    }
}
