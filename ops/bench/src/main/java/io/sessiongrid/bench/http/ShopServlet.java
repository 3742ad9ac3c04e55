package io.sessiongrid.bench.http;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import java.io.IOException;

/**
 * The benchmark's application, the same over every backend: {@code /login} creates a session with a user name, a
 * counter and a {@link Cart}; {@code /read} reads the user and the cart; {@code /write} adds one to the counter,
 * changes the cart in place and sets it again. Thread safe (no state of its own).
 */
public final class ShopServlet extends HttpServlet {
    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setContentType("text/plain");
        String path = req.getPathInfo() == null ? req.getServletPath() : req.getPathInfo();
        switch (path) {
            case "/login" -> {
                HttpSession s = req.getSession(true);
                String user = "user-" + req.getParameter("n");
                s.setAttribute("user", user);
                s.setAttribute("counter", 0);
                s.setAttribute("cart", new Cart(user));
                resp.getWriter().print("ok");
            }
            case "/read" -> {
                HttpSession s = req.getSession(false);
                if (s == null) {
                    resp.sendError(401);
                    return;
                }
                Cart cart = (Cart) s.getAttribute("cart");
                resp.getWriter().print(s.getAttribute("user") + " " + cart.size());
            }
            case "/write" -> {
                HttpSession s = req.getSession(false);
                if (s == null) {
                    resp.sendError(401);
                    return;
                }
                int counter = (Integer) s.getAttribute("counter") + 1;
                s.setAttribute("counter", counter);
                Cart cart = (Cart) s.getAttribute("cart");
                cart.change(counter);
                s.setAttribute("cart", cart);
                resp.getWriter().print("ok");
            }
            case "/health" -> resp.getWriter().print("up");
            default -> resp.sendError(404);
        }
    }
}
