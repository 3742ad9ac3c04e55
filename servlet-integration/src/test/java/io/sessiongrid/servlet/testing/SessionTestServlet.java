package io.sessiongrid.servlet.testing;

import io.sessiongrid.servlet.SessionGridFilter;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The application the HTTP suites drive: one path per HttpSession behavior they check. Paths are matched on what
 * the container maps (servlet path and path info: decoded, normalised, without path parameters).
 */
public final class SessionTestServlet extends HttpServlet {
    /** Where the containers send a request whose servlet threw. */
    public static final String ERROR_PAGE = "/error-page";
    /** The ServletContext attribute listing the names of {@link UnbindRecorder} values told they were unbound. */
    public static final String UNBOUND = "test.unbound";

    /** Held requests wait on a latch of their name ({@code latch} parameter, default ""); {@code /release} opens it. */
    private final Map<String, CountDownLatch> latches = new ConcurrentHashMap<>();
    /** What {@code /async-no-body} saw in the grid right after {@code complete()} returned. */
    public final BlockingQueue<String> seenAfterComplete = new LinkedBlockingQueue<>();
    private final Function<String, String> gridRead;

    public SessionTestServlet() {
        this((id) -> "no grid reader");
    }

    /** @param gridRead reads attribute {@code a} of the session whose id is given, straight from the grid */
    public SessionTestServlet(Function<String, String> gridRead) {
        this.gridRead = gridRead;
    }

    private CountDownLatch latch(HttpServletRequest req) {
        String name = req.getParameter("latch");
        return latches.computeIfAbsent(name == null ? "" : name, n -> new CountDownLatch(1));
    }

    @Override
    public void init() {
        getServletContext().setAttribute(UNBOUND, new CopyOnWriteArrayList<String>());
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setContentType("text/plain");
        String name = req.getParameter("name");
        String value = req.getParameter("value");
        // An include keeps the caller's URI; the included target is in the include attributes.
        Object included = req.getAttribute(RequestDispatcher.INCLUDE_REQUEST_URI);
        String path = included != null ? (String) included
                : req.getServletPath() + (req.getPathInfo() == null ? "" : req.getPathInfo());
        switch (path) {
            case "/get" -> {
                HttpSession s = req.getSession(false);
                resp.getWriter().print(s == null ? "no-session" : String.valueOf(s.getAttribute(name)));
            }
            case "/names" -> {
                HttpSession s = req.getSession(false);
                resp.getWriter().print(s == null ? "no-session" : Collections.list(s.getAttributeNames()).size());
            }
            case "/set" -> {
                req.getSession().setAttribute(name, value);
                resp.getWriter().print("ok");
            }
            case "/own" -> {
                req.getSession().setAttribute(name, Integer.valueOf(value));
                resp.getWriter().print("ok");
            }
            case "/incr", "/locked/incr" -> {
                HttpSession s = req.getSession();
                Integer n = (Integer) s.getAttribute("counter");
                s.setAttribute("counter", n == null ? 1 : n + 1);
                resp.getWriter().print("ok");
            }
            case "/mutate" -> {
                HttpSession s = req.getSession();
                @SuppressWarnings("unchecked")
                List<String> cart = (List<String>) s.getAttribute("cart");
                if (cart == null) {
                    s.setAttribute("cart", new ArrayList<>(List.of(value)));
                } else {
                    cart.add(value);
                }
                resp.getWriter().print("ok");
            }
            case "/redirect" -> {
                req.getSession().setAttribute(name, value);
                resp.sendRedirect("/get?name=" + name);
            }
            case "/stream" -> {
                req.getSession().setAttribute(name, value);
                PrintWriter out = resp.getWriter();
                for (int i = 0; i < 2000; i++) {
                    out.println("line " + i + " of a body long enough to leave the buffer many times over");
                    if (i % 100 == 0) {
                        out.flush();
                    }
                }
            }
            case "/short" -> {
                req.getSession().setMaxInactiveInterval(1);
                resp.getWriter().print(req.getSession().getId());
            }
            case "/async" -> {
                HttpSession session = req.getSession();
                AsyncContext async = req.startAsync();
                async.start(() -> {
                    session.setAttribute(name, value);
                    try {
                        async.getResponse().getWriter().print("async ok");
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    async.complete();
                });
            }
            case "/forward" -> {
                req.getSession().setAttribute(name, value);
                try {
                    req.getRequestDispatcher("/get?name=" + name).forward(req, resp);
                } catch (ServletException e) {
                    throw new IOException(e);
                }
            }
            case "/include" -> {
                req.getSession().setAttribute(name, value);
                try {
                    resp.getWriter().print("included:");
                    req.getRequestDispatcher("/get?name=" + name).include(req, resp);
                } catch (ServletException e) {
                    throw new IOException(e);
                }
            }
            case "/principal" -> {
                req.changeSessionId();
                req.getSession().setAttribute(SessionGridFilter.PRINCIPAL_ATTRIBUTE, req.getParameter("user"));
                resp.getWriter().print("ok");
            }
            case "/describe" -> {
                HttpSession s = req.getSession(false);
                resp.getWriter().print(s == null ? "no-session" : "new=" + s.isNew() + " created="
                        + s.getCreationTime() + " max=" + s.getMaxInactiveInterval() + " accessed<=now="
                        + (s.getLastAccessedTime() <= System.currentTimeMillis()));
            }
            case "/max" -> {
                req.getSession().setMaxInactiveInterval(Integer.parseInt(value));
                resp.getWriter().print("ok");
            }
            case "/use-after-invalidate" -> {
                HttpSession s = req.getSession();
                s.invalidate();
                try {
                    s.getAttribute("x");
                    resp.getWriter().print("no exception");
                } catch (IllegalStateException e) {
                    resp.getWriter().print("ISE, then session=" + req.getSession(false));
                }
            }
            case "/send-error" -> {
                req.getSession().setAttribute(name, value);
                resp.sendError(409, "conflict on purpose");
            }
            case "/flush" -> {
                HttpSession s = req.getSession();
                s.setAttribute(name, value);
                resp.flushBuffer();
                s.setAttribute(name + "-after", value);
            }
            case "/locked/hold" -> {
                req.getSession();
                try {
                    resp.getWriter().print(latch(req).await(30, TimeUnit.SECONDS) ? "released" : "timed out");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            case "/locked/hold-async" -> {
                req.getSession();
                CountDownLatch latch = latch(req);
                AsyncContext async = req.startAsync();
                async.setTimeout(60_000);
                async.start(() -> {
                    try {
                        boolean released = latch.await(30, TimeUnit.SECONDS);
                        async.getResponse().getWriter().print(released ? "released" : "timed out");
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    async.complete();
                });
            }
            case "/auth/login" -> {
                String user = req.getParameter("user");
                try {
                    req.login(user, TestLogins.PASSWORD);
                } catch (ServletException e) {
                    resp.setStatus(401);
                    resp.getWriter().print("login refused: " + e.getMessage());
                    return;
                }
                req.getSession().setAttribute("user", user);
                resp.getWriter().print("ok");
            }
            case "/secure/set" -> {
                req.getSession().setAttribute(name, value);
                resp.getWriter().print(req.getUserPrincipal().getName());
            }
            case "/throw" -> {
                req.getSession().setAttribute("thrown", value);
                throw new IllegalStateException("thrown on purpose after setting an attribute");
            }
            case ERROR_PAGE -> {
                HttpSession s = req.getSession(false);
                resp.setStatus(500);
                resp.getWriter().print("error page sees " + (s == null ? "no session"
                        : "thrown=" + s.getAttribute("thrown") + " in a " + s.getClass().getSimpleName()));
            }
            case "/async-no-body" -> {
                HttpSession session = req.getSession();
                AsyncContext async = req.startAsync();
                async.start(() -> {
                    session.setAttribute("a", value);
                    async.complete();
                    seenAfterComplete.add(String.valueOf(gridRead.apply(session.getId())));
                });
            }
            case "/commit-then-create" -> {
                PrintWriter out = resp.getWriter();
                out.print("committed;");
                resp.flushBuffer();
                try {
                    out.print(req.getSession(true) == null ? "null" : "created");
                } catch (IllegalStateException e) {
                    out.print("ISE");
                }
            }
            case "/bind" -> {
                req.getSession().setAttribute(name, new UnbindRecorder(name));
                resp.getWriter().print("ok");
            }
            case "/unbound" -> resp.getWriter().print(getServletContext().getAttribute(UNBOUND));
            case "/release" -> {
                latch(req).countDown();
                resp.getWriter().print("ok");
            }
            case "/invalidate" -> {
                req.getSession().invalidate();
                resp.getWriter().print("ok");
            }
            case "/login" -> resp.getWriter().print(req.changeSessionId());
            case "/info" -> {
                HttpSession s = req.getSession(false);
                resp.getWriter().print("requested=" + req.getRequestedSessionId() + " valid="
                        + req.isRequestedSessionIdValid() + " cookie=" + req.isRequestedSessionIdFromCookie()
                        + " new=" + (s == null ? "none" : s.isNew()));
            }
            case "/not-serializable" -> {
                try {
                    req.getSession().setAttribute(name, new Object());
                    resp.getWriter().print("stored");
                } catch (IllegalArgumentException e) {
                    resp.setStatus(400);
                    resp.getWriter().print(e.getMessage());
                }
            }
            case "/big" -> {
                byte[] noise = new byte[Integer.parseInt(value)];
                new Random(1).nextBytes(noise);
                req.getSession().setAttribute(name, noise);
                resp.getWriter().print("ok");
            }
            default -> resp.sendError(404);
        }
    }
}
