package io.sessiongrid.samples.shop;

import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A browser: its own cookies, no redirects followed, the CSRF token taken from the last page that had one. */
final class Browser {
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" (?:type=\"hidden\" )?value=\"([^\"]+)\"");

    private final CookieManager cookies = new CookieManager();
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private String csrf;

    HttpResponse<String> get(Shop shop, String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(shop.uri(path)).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher m = CSRF.matcher(r.body());
        if (m.find()) {
            csrf = m.group(1);
        }
        return r;
    }

    HttpResponse<String> post(Shop shop, String path, Map<String, String> form) throws Exception {
        String body = form.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&")) + (csrf == null ? "" : "&_csrf=" + enc(csrf));
        return http.send(HttpRequest.newBuilder(shop.uri(path)).header("Content-Type",
                "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Opens the login page, then logs in. @return where the login sent the browser */
    String login(Shop shop, String user) throws Exception {
        get(shop, "/login");
        HttpResponse<String> r = post(shop, "/login", Map.of("username", user, "password", user + "-password"));
        return r.headers().firstValue("Location").orElse("(no redirect: " + r.statusCode() + ")");
    }

    String sessionId() {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("GRIDSESSION"))
                .map(HttpCookie::getValue).findFirst().orElse(null);
    }

    /** The same request as another browser that holds only this session id. */
    static HttpResponse<String> getWith(Shop shop, String path, String sessionId) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(shop.uri(path))
                .header("Cookie", "GRIDSESSION=" + sessionId).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
