package io.sessiongrid.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.sessiongrid.client.api.GridUnavailableException;
import io.sessiongrid.client.api.MalformedSessionIdException;
import io.sessiongrid.client.api.Session;
import io.sessiongrid.client.api.SessionChanges;
import io.sessiongrid.client.api.SessionId;
import io.sessiongrid.client.api.SessionStore;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The demo's pages: GET / shows the session; POST /increment, /cart, /login and /logout change it and redirect
 * back. Thread safe: all state is in the grid.
 */
final class DemoHandler implements HttpHandler {
    static final String COOKIE = "SGSESSION";

    private final String instanceName;
    private final SessionStore store;

    DemoHandler(String instanceName, SessionStore store) {
        this.instanceName = instanceName;
        this.store = store;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Optional<Session> session = requestedId(exchange).flatMap(store::find);
            String route = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
            switch (route) {
                case "GET /" -> send(exchange, 200, page(session));
                case "POST /increment" -> {
                    Session s = session.orElseGet(store::create);
                    store.withLock(s.id(), Duration.ofSeconds(5), locked -> store.apply(s.id(), SessionChanges
                            .builder().set("counter", counter(locked) + 1).build()));
                    redirect(exchange, s.id());
                }
                case "POST /cart" -> {
                    Session s = session.orElseGet(store::create);
                    List<String> cart = new ArrayList<>(cart(s));
                    cart.add(formValue(exchange, "item", "book"));
                    store.apply(s.id(), SessionChanges.builder().set("cart", cart).build());
                    redirect(exchange, s.id());
                }
                case "POST /login" -> {
                    String user = formValue(exchange, "user", "ann");
                    SessionId id = store.changeId(session.orElseGet(store::create).id());
                    store.apply(id, SessionChanges.builder().principal(user).build());
                    redirect(exchange, id);
                }
                case "POST /logout" -> {
                    session.ifPresent(s -> store.invalidate(s.id()));
                    exchange.getResponseHeaders().add("Set-Cookie", COOKIE + "=; Path=/; Max-Age=0; HttpOnly");
                    redirect(exchange, null);
                }
                default -> send(exchange, 404, "<p>No such page.</p>");
            }
        } catch (GridUnavailableException e) {
            send(exchange, 503, "<p>The session grid is not reachable; try again shortly.</p>");
        }
    }

    private static Optional<SessionId> requestedId(HttpExchange exchange) {
        for (String header : exchange.getRequestHeaders().getOrDefault("Cookie", List.of())) {
            for (String pair : header.split(";")) {
                String[] kv = pair.trim().split("=", 2);
                if (kv.length == 2 && kv[0].equals(COOKIE)) {
                    try {
                        return Optional.of(SessionId.parse(kv[1]));
                    } catch (MalformedSessionIdException e) {
                        return Optional.empty();
                    }
                }
            }
        }
        return Optional.empty();
    }

    private String page(Optional<Session> session) {
        StringBuilder html = new StringBuilder("<!doctype html><title>Session grid demo</title>")
                .append("<h1>Served by instance ").append(escape(instanceName)).append("</h1>");
        if (session.isEmpty()) {
            html.append("<p id=session>No session yet.</p>");
        } else {
            Session s = session.get();
            html.append("<p id=session>Session ").append(s.key().abbreviated()).append(", created ")
                    .append(s.createdAt()).append("</p><p>Counter: <b id=counter>").append(counter(s))
                    .append("</b></p><p>Cart: <span id=cart>").append(escape(String.join(", ", cart(s))))
                    .append("</span></p><p>User: <span id=user>").append(escape(s.principal().orElse("(anonymous)")))
                    .append("</span></p><p>Attributes: ").append(escape(String.valueOf(s.attributeNames())))
                    .append("</p>");
        }
        return html.append(button("/increment", "Increment", ""))
                .append(button("/cart", "Add to cart", "<input name=item value=book>"))
                .append(button("/login", "Log in", "<input name=user value=ann>"))
                .append(button("/logout", "Log out", "")).toString();
    }

    private static String button(String action, String label, String fields) {
        return "<form method=post action=" + action + ">" + fields + "<button>" + label + "</button></form>";
    }

    private static int counter(Session s) {
        return s.attribute("counter") instanceof Integer n ? n : 0;
    }

    @SuppressWarnings("unchecked")
    private static List<String> cart(Session s) {
        return s.attribute("cart") instanceof List<?> items ? (List<String>) items : List.of();
    }

    private static String formValue(HttpExchange exchange, String name, String fallback) throws IOException {
        String body = new String(exchange.getRequestBody().readNBytes(4096), StandardCharsets.UTF_8);
        for (String pair : body.split("&")) {
            String[] kv = pair.split("=", 2);
            if (kv.length == 2 && kv[0].equals(name) && !kv[1].isBlank()) {
                return URLDecoder.decode(kv[1], StandardCharsets.UTF_8);
            }
        }
        return fallback;
    }

    private static void redirect(HttpExchange exchange, SessionId id) throws IOException {
        if (id != null) {
            exchange.getResponseHeaders().add("Set-Cookie", COOKIE + "=" + id.value()
                    + "; Path=/; HttpOnly; SameSite=Lax");
        }
        exchange.getResponseHeaders().add("Location", "/");
        exchange.sendResponseHeaders(303, -1);
    }

    private static void send(HttpExchange exchange, int status, String html) throws IOException {
        byte[] body = html.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
