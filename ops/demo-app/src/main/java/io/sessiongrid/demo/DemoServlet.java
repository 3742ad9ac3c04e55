package io.sessiongrid.demo;

import io.sessiongrid.servlet.session.GridHttpSession;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The demo's pages, written against the plain HttpSession API: GET / shows the session; POST /increment,
 * /cart, /login and /logout change it and redirect back. It holds no state of its own.
 */
final class DemoServlet extends HttpServlet {
    private final String instanceName;

    DemoServlet(String instanceName) {
        this.instanceName = instanceName;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (!req.getRequestURI().equals("/")) {
            resp.sendError(404);
            return;
        }
        resp.setContentType("text/html; charset=utf-8");
        resp.getWriter().print(page(req.getSession(false)));
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        switch (req.getRequestURI()) {
            case "/increment" -> {
                HttpSession s = req.getSession();
                s.setAttribute("counter", counter(s) + 1);
            }
            case "/cart" -> {
                HttpSession s = req.getSession();
                List<String> cart = new ArrayList<>(cart(s));
                cart.add(value(req.getParameter("item"), "book"));
                s.setAttribute("cart", cart);
            }
            case "/login" -> {
                req.getSession();
                req.changeSessionId();
                req.getSession().setAttribute(GridHttpSession.PRINCIPAL_ATTRIBUTE, value(req.getParameter("user"),
                        "ann"));
            }
            case "/logout" -> {
                HttpSession s = req.getSession(false);
                if (s != null) {
                    s.invalidate();
                }
            }
            default -> {
                resp.sendError(404);
                return;
            }
        }
        resp.setStatus(303);
        resp.setHeader("Location", "/");
    }

    private String page(HttpSession s) {
        StringBuilder html = new StringBuilder("<!doctype html><title>Session grid demo</title>")
                .append("<h1>Served by instance ").append(escape(instanceName)).append("</h1>");
        if (s == null) {
            html.append("<p id=session>No session yet.</p>");
        } else {
            Object user = s.getAttribute(GridHttpSession.PRINCIPAL_ATTRIBUTE);
            html.append("<p id=session>Session created ").append(Instant.ofEpochMilli(s.getCreationTime()))
                    .append("</p><p>Counter: <b id=counter>").append(counter(s))
                    .append("</b></p><p>Cart: <span id=cart>").append(escape(String.join(", ", cart(s))))
                    .append("</span></p><p>User: <span id=user>").append(escape(user == null ? "(anonymous)"
                            : user.toString()))
                    .append("</span></p><p>Attributes: ")
                    .append(escape(Collections.list(s.getAttributeNames()).toString())).append("</p>");
        }
        return html.append(button("/increment", "Increment", ""))
                .append(button("/cart", "Add to cart", "<input name=item value=book>"))
                .append(button("/login", "Log in", "<input name=user value=ann>"))
                .append(button("/logout", "Log out", "")).toString();
    }

    private static String button(String action, String label, String fields) {
        return "<form method=post action=" + action + ">" + fields + "<button>" + label + "</button></form>";
    }

    private static int counter(HttpSession s) {
        return s.getAttribute("counter") instanceof Integer n ? n : 0;
    }

    @SuppressWarnings("unchecked")
    private static List<String> cart(HttpSession s) {
        return s.getAttribute("cart") instanceof List<?> items ? (List<String>) items : List.of();
    }

    private static String value(String given, String fallback) {
        return given == null || given.isBlank() ? fallback : given;
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
