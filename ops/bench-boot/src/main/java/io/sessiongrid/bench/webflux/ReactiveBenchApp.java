package io.sessiongrid.bench.webflux;

import io.sessiongrid.bench.boot.Cart;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.WebSession;
import reactor.core.publisher.Mono;

import java.util.Map;

/**
 * The HTTP benchmark's application as a WebFlux application on Reactor Netty: the same {@code /login},
 * {@code /read} and {@code /write} over the WebSession, kept by the session grid's reactive repository (profile
 * {@code grid}) or by Spring Session Data Redis's reactive repository (profile {@code redis}). Started by
 * {@link io.sessiongrid.bench.boot.BootBenchApp#main} when asked for a reactive application. Prints
 * {@code READY <port>} once it serves.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@RestController
public class ReactiveBenchApp {
    public static void main(String[] args) {
        SpringApplication.run(ReactiveBenchApp.class, args);
    }

    @EventListener
    void serving(WebServerInitializedEvent event) {
        System.out.println("READY " + event.getWebServer().getPort());
    }

    @GetMapping("/login")
    Mono<String> login(WebSession session, @RequestParam("n") String n) {
        String user = "user-" + n;
        Map<String, Object> attributes = session.getAttributes();
        attributes.put("user", user);
        attributes.put("counter", 0);
        attributes.put("cart", new Cart(user));
        return Mono.just("ok");
    }

    @GetMapping("/read")
    Mono<ResponseEntity<String>> read(WebSession session) {
        if (!session.isStarted()) {
            return Mono.just(ResponseEntity.status(HttpStatus.UNAUTHORIZED).build());
        }
        Cart cart = session.getAttribute("cart");
        return Mono.just(ResponseEntity.ok(session.getAttribute("user") + " " + cart.size()));
    }

    @GetMapping("/write")
    Mono<ResponseEntity<String>> write(WebSession session) {
        if (!session.isStarted()) {
            return Mono.just(ResponseEntity.status(HttpStatus.UNAUTHORIZED).build());
        }
        int counter = (Integer) session.getAttribute("counter") + 1;
        session.getAttributes().put("counter", counter);
        Cart cart = session.getAttribute("cart");
        cart.change(counter);
        session.getAttributes().put("cart", cart);
        return Mono.just(ResponseEntity.ok("ok"));
    }

    @GetMapping("/health")
    Mono<String> health() {
        return Mono.just("up");
    }
}
