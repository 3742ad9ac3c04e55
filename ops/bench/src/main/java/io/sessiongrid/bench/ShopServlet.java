package io.sessiongrid.bench;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import java.io.IOException;
import java.util.ArrayList;

/**
 * The benchmark's application, the same over every backend: {@code /login} creates a session with a user name
 * and a cart of about 1 KB; {@code /read} reads both; {@code /write} bumps a counter and changes the cart.
 */
public final class ShopServlet extends HttpServlet {
    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setContentType("text/plain");
        switch (req.getRequestURI()) {
            case "/login" -> {
                HttpSession s = req.getSession(true);
                s.setAttribute("user", "user-" + req.getParameter("n"));
                s.setAttribute("cart", EncryptionBenchmark.cart(1024));
                s.setAttribute("counter", 0);
                resp.getWriter().print("ok");
            }
            case "/read" -> {
                HttpSession s = req.getSession(false);
                if (s == null) {
                    resp.sendError(401);
                    return;
                }
                @SuppressWarnings("unchecked")
                ArrayList<String> cart = (ArrayList<String>) s.getAttribute("cart");
                resp.getWriter().print(s.getAttribute("user") + " " + cart.size());
            }
            case "/write" -> {
                HttpSession s = req.getSession(false);
                if (s == null) {
                    resp.sendError(401);
                    return;
                }
                Integer counter = (Integer) s.getAttribute("counter");
                s.setAttribute("counter", counter + 1);
                @SuppressWarnings("unchecked")
                ArrayList<String> cart = new ArrayList<>((ArrayList<String>) s.getAttribute("cart"));
                cart.set(counter % cart.size(), "sku-changed-" + counter);
                s.setAttribute("cart", cart);
                resp.getWriter().print("ok");
            }
            default -> resp.sendError(404);
        }
    }
}
