package io.sessiongrid.spring.webflux;

import io.sessiongrid.spring.session.TestApplications;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.userdetails.MapReactiveUserDetailsService;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.WebSession;
import reactor.core.publisher.Mono;

import java.security.Principal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebFlux application on Reactor Netty whose WebSession the auto-configuration puts in the grid, with Spring
 * Security's form login (which changes the session id). Started for real on 127.0.0.1 by the tests.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(ReactiveApp.Pages.class)
public class ReactiveApp {
    @Bean
    SecurityWebFilterChain security(ServerHttpSecurity http) {
        return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
                .authorizeExchange(e -> e.pathMatchers("/whoami").authenticated().anyExchange().permitAll())
                .formLogin(form -> {
                })
                .build();
    }

    @Bean
    MapReactiveUserDetailsService users() {
        return new MapReactiveUserDetailsService(User.withUsername("carol").password("{noop}pw").roles("USER").build());
    }

    @Bean
    TestApplications.ExpiredEvents expiredEvents() {
        return new TestApplications.ExpiredEvents();
    }

    static ConfigurableApplicationContext start(String... properties) {
        List<String> args = new ArrayList<>(List.of("--spring.main.web-application-type=reactive"));
        args.addAll(List.of(properties));
        return TestApplications.start(ReactiveApp.class, args);
    }

    @RestController
    static class Pages {
        @PostMapping("/set")
        Mono<String> set(WebSession session, @RequestParam("name") String name, @RequestParam("value") String value) {
            session.getAttributes().put(name, value);
            return Mono.just("ok");
        }

        @PostMapping("/set-large")
        Mono<String> setLarge(WebSession session, @RequestParam("bytes") int bytes) {
            // Random, so that compression cannot bring it under the limit.
            StringBuilder value = new StringBuilder(bytes);
            ThreadLocalRandom.current().ints(bytes, 'a', 'z' + 1).forEach(c -> value.append((char) c));
            session.getAttributes().put("large", value.toString());
            return Mono.just("ok");
        }

        @GetMapping("/get")
        Mono<String> get(WebSession session, @RequestParam("name") String name) {
            return Mono.just(session.isStarted() ? String.valueOf(session.getAttributes().get(name)) : "no-session");
        }

        @GetMapping("/names")
        Mono<String> names(WebSession session) {
            return Mono.just(new TreeSet<>(session.getAttributes().keySet()).toString());
        }

        @GetMapping("/whoami")
        Mono<String> whoami(Mono<Principal> principal) {
            return principal.map(Principal::getName);
        }

        @PostMapping("/idle")
        Mono<String> idle(WebSession session, @RequestParam("seconds") int seconds) {
            session.setMaxIdleTime(Duration.ofSeconds(seconds));
            session.getAttributes().put("idle", seconds);
            return Mono.just("ok");
        }
    }
}
