package io.sessiongrid.samples.shop;

import io.sessiongrid.spring.security.GridSessionRegistry;
import jakarta.servlet.http.HttpSession;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

import java.util.ArrayList;
import java.util.List;

/** The shop's pages: who is logged in, on which instance, the cart, and an administrator's end-all-sessions. */
@RestController
class ShopController {
    private final String instance;
    private final GridSessionRegistry registry;

    ShopController(@Value("${shop.instance:shop}") String instance, GridSessionRegistry registry) {
        this.instance = instance;
        this.registry = registry;
    }

    @GetMapping(value = "/", produces = "text/html")
    String home(Authentication user, HttpSession session, CsrfToken csrf) {
        String token = "<input type=\"hidden\" name=\"" + csrf.getParameterName() + "\" value=\"" + csrf.getToken()
                + "\">";
        return "<!doctype html><title>Shop</title><p>instance " + HtmlUtils.htmlEscape(instance) + "; user "
                + HtmlUtils.htmlEscape(user.getName()) + "; cart " + HtmlUtils.htmlEscape(cart(session).toString())
                + "</p><form method=\"post\" action=\"/cart\">" + token + "<input name=\"item\"><button>Add</button>"
                + "</form><form method=\"post\" action=\"/logout\">" + token + "<button>Log out</button></form>";
    }

    @PostMapping("/cart")
    String add(HttpSession session, @RequestParam("item") String item) {
        List<String> cart = cart(session);
        cart.add(item);
        // Set again, so the change is written whatever the save mode.
        session.setAttribute("cart", cart);
        return "cart " + cart;
    }

    @PostMapping("/admin/end-sessions")
    String endSessions(@RequestParam("user") String user) {
        return "ended " + registry.endSessionsOf(user);
    }

    @SuppressWarnings("unchecked")
    private static List<String> cart(HttpSession session) {
        Object cart = session.getAttribute("cart");
        return cart instanceof List<?> items ? new ArrayList<>((List<String>) items) : new ArrayList<>();
    }
}
