package io.sessiongrid.servlet;

import io.sessiongrid.client.api.SessionId;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.util.ArrayList;
import java.util.List;

/**
 * The id in a cookie. The Set-Cookie header is written by hand because the Servlet Cookie API of the supported
 * containers cannot express every attribute (SameSite, Partitioned) the same way. Thread safe.
 */
public final class CookieSessionIdResolver implements SessionIdResolver {
    private final CookieSettings settings;

    public CookieSessionIdResolver(CookieSettings settings) {
        this.settings = settings;
    }

    @Override
    public List<String> presented(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        List<String> values = new ArrayList<>(1);
        if (cookies != null) {
            for (Cookie c : cookies) {
                if (settings.name().equals(c.getName()) && c.getValue() != null) {
                    values.add(c.getValue());
                }
            }
        }
        return values;
    }

    @Override
    public void write(HttpServletRequest request, HttpServletResponse response, SessionId id) {
        response.addHeader("Set-Cookie", header(request, id.value(), settings.maxAge() == null ? -1
                : settings.maxAge().toSeconds()));
    }

    @Override
    public void expire(HttpServletRequest request, HttpServletResponse response) {
        response.addHeader("Set-Cookie", header(request, "", 0));
    }

    @Override
    public boolean usesCookies() {
        return true;
    }

    private String header(HttpServletRequest request, String value, long maxAgeSeconds) {
        StringBuilder h = new StringBuilder(settings.name()).append('=').append(value);
        String path = settings.path() != null ? settings.path()
                : request.getContextPath().isEmpty() ? "/" : request.getContextPath();
        h.append("; Path=").append(path);
        if (settings.domain() != null) {
            h.append("; Domain=").append(settings.domain());
        }
        if (maxAgeSeconds >= 0) {
            h.append("; Max-Age=").append(maxAgeSeconds);
        }
        boolean secure = settings.secure() != null ? settings.secure() : request.isSecure();
        if (secure || settings.partitioned()) {
            h.append("; Secure");
        }
        if (settings.httpOnly()) {
            h.append("; HttpOnly");
        }
        if (settings.sameSite() != null && !settings.sameSite().isEmpty()) {
            h.append("; SameSite=").append(settings.sameSite());
        }
        if (settings.partitioned()) {
            h.append("; Partitioned");
        }
        return h.toString();
    }
}
