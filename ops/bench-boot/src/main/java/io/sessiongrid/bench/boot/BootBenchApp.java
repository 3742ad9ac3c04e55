package io.sessiongrid.bench.boot;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.sessiongrid.bench.webflux.ReactiveBenchApp;

import java.io.IOException;
import java.util.List;

/**
 * The HTTP benchmark's servlet application as Spring Boot users write it: the same {@code /login}, {@code /read} and
 * {@code /write} as the Jetty application's servlet, over the session grid's starter (profile {@code grid}) or
 * over Spring Session Data Redis (profile {@code redis}). Prints {@code READY <port>} once it serves.
 */
@SpringBootApplication
@RestController
public class BootBenchApp {
    /** With {@code --spring.main.web-application-type=reactive}, runs the WebFlux form of the application. */
    public static void main(String[] args) {
        if (List.of(args).contains("--spring.main.web-application-type=reactive")) {
            ReactiveBenchApp.main(args);
        } else {
            SpringApplication.run(BootBenchApp.class, args);
        }
    }

    @EventListener
    void serving(WebServerInitializedEvent event) {
        System.out.println("READY " + event.getWebServer().getPort());
    }

    @GetMapping("/login")
    String login(HttpServletRequest request, @RequestParam("n") String n) {
        HttpSession s = request.getSession(true);
        String user = "user-" + n;
        s.setAttribute("user", user);
        s.setAttribute("counter", 0);
        s.setAttribute("cart", new Cart(user));
        return "ok";
    }

    @GetMapping("/read")
    String read(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HttpSession s = request.getSession(false);
        if (s == null) {
            response.sendError(401);
            return null;
        }
        Cart cart = (Cart) s.getAttribute("cart");
        return s.getAttribute("user") + " " + cart.size();
    }

    @GetMapping("/write")
    String write(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HttpSession s = request.getSession(false);
        if (s == null) {
            response.sendError(401);
            return null;
        }
        int counter = (Integer) s.getAttribute("counter") + 1;
        s.setAttribute("counter", counter);
        Cart cart = (Cart) s.getAttribute("cart");
        cart.change(counter);
        s.setAttribute("cart", cart);
        return "ok";
    }

    @GetMapping("/health")
    String health() {
        return "up";
    }
}
