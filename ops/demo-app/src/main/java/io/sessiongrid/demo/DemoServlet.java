package io.sessiongrid.demo;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.sessiongrid.servlet.SessionGridFilter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The demo's pages, written against the plain HttpSession API: GET / shows the session, which instance served it,
 * whose it is and this instance's filter meters; POST /increment, /cart, /login and /logout change it and redirect
 * back. A client that sends the {@value #HEADER} header (an API client, no cookies) gets JSON instead, and GET /api
 * shows the session as JSON. It holds no state of its own.
 */
final class DemoServlet extends HttpServlet {
    static final String HEADER = "X-Session";

    private final String instanceName;
    private final String peer;
    private final MeterRegistry meters;

    DemoServlet(String instanceName, String peer, MeterRegistry meters) {
        this.instanceName = instanceName;
        this.peer = peer;
        this.meters = meters;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        switch (req.getRequestURI()) {
            case "/" -> {
                resp.setContentType("text/html; charset=utf-8");
                resp.getWriter().print(page(req.getSession(false), req.getLocalPort()));
            }
            case "/api" -> json(resp, req.getSession(false));
            default -> resp.sendError(404);
        }
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
                req.getSession().setAttribute(SessionGridFilter.PRINCIPAL_ATTRIBUTE, value(req.getParameter("user"),
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
        if (req.getHeader(HEADER) != null) {
            json(resp, req.getSession(false));
            return;
        }
        resp.setStatus(303);
        resp.setHeader("Location", "/");
    }

    private void json(HttpServletResponse resp, HttpSession s) throws IOException {
        resp.setContentType("application/json");
        StringBuilder j = new StringBuilder("{\"instance\":").append(quote(instanceName));
        if (s != null) {
            Object user = s.getAttribute(SessionGridFilter.PRINCIPAL_ATTRIBUTE);
            j.append(",\"counter\":").append(counter(s)).append(",\"cart\":[")
                    .append(String.join(",", cart(s).stream().map(DemoServlet::quote).toList())).append("],\"user\":")
                    .append(user == null ? "null" : quote(user.toString()));
        } else {
            j.append(",\"session\":null");
        }
        resp.getWriter().print(j.append("}\n"));
    }

    private String page(HttpSession s, int port) {
        StringBuilder html = new StringBuilder("<!doctype html><title>Session grid demo</title>")
                .append("<h1>Served by instance ").append(escape(instanceName)).append("</h1>");
        if (peer != null) {
            html.append("<p>Change something, then reload it on the other instance: <a id=peer href=\"")
                    .append(escape(peer)).append("\">").append(escape(peer)).append("</a></p>");
        }
        Object user = s == null ? null : s.getAttribute(SessionGridFilter.PRINCIPAL_ATTRIBUTE);
        if (s == null) {
            html.append("<p id=session>No session yet.</p>");
        } else {
            html.append("<p id=session>Session created ").append(Instant.ofEpochMilli(s.getCreationTime()))
                    .append(", the session of <b id=user>").append(escape(user == null ? "(anonymous)"
                            : user.toString()))
                    .append("</b></p><p>Counter: <b id=counter>").append(counter(s))
                    .append("</b></p><p>Cart: <span id=cart>").append(escape(String.join(", ", cart(s))))
                    .append("</span></p><p>Attributes: ")
                    .append(escape(Collections.list(s.getAttributeNames()).toString())).append("</p>");
        }
        html.append(button("/increment", "Increment", ""))
                .append(button("/cart", "Add to cart", "<input name=item value=book>"));
        if (user == null) {
            html.append(button("/login", "Log in", "<input name=user value=ann>"));
        }
        if (s != null) {
            html.append(button("/logout", user == null ? "End session" : "Log out", ""));
        }
        return html.append(meters()).append("<h2>Without cookies</h2><p>API clients carry the id in the ")
                .append(HEADER).append(" header: an empty one asks for a new session, and the answer names it.</p>")
                .append("<pre id=api>curl -si -X POST -H '").append(HEADER).append(";' http://127.0.0.1:")
                .append(port).append("/increment\ncurl -s -H '").append(HEADER)
                .append(": &lt;the id it answered&gt;' http://127.0.0.1:").append(port).append("/api</pre>")
                .toString();
    }

    /** This instance's filter meters: what the grid cost it so far. */
    private String meters() {
        Timer load = meters.find("sessiongrid.http.session.load").timer();
        Timer flush = meters.find("sessiongrid.http.session.flush").timer();
        return "<p id=meters>This instance: " + (load == null ? 0 : load.count()) + " sessions loaded (mean "
                + micros(load) + " µs), " + (flush == null ? 0 : flush.count()) + " writes (mean " + micros(flush)
                + " µs)</p>";
    }

    private static long micros(Timer t) {
        return t == null ? 0 : Math.round(t.mean(TimeUnit.MICROSECONDS));
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

    private static String quote(String s) {
        StringBuilder q = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                q.append('\\').append(c);
            } else if (c < 0x20) {
                q.append(String.format("\\u%04x", (int) c));
            } else {
                q.append(c);
            }
        }
        return q.append('"').toString();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
