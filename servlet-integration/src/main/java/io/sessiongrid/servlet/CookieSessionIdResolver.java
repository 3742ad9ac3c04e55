package io.sessiongrid.servlet;

import io.sessiongrid.client.api.SessionId;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;

/**
 * The id in a cookie. The Set-Cookie header is written by hand because the Servlet Cookie API of the supported
 * containers cannot express every attribute (SameSite, Partitioned) the same way. The Cookie header is read by hand
 * too: the container's parser turns every cookie of the request into a {@link jakarta.servlet.http.Cookie}, which
 * costs more than the rest of finding the session when only one name is wanted. Thread safe.
 */
public final class CookieSessionIdResolver implements SessionIdResolver {
    private final CookieSettings settings;

    public CookieSessionIdResolver(CookieSettings settings) {
        this.settings = settings;
    }

    @Override
    public List<String> presented(HttpServletRequest request) {
        List<String> values = new ArrayList<>(1);
        Enumeration<String> headers = request.getHeaders("Cookie");
        while (headers != null && headers.hasMoreElements()) {
            valuesOf(settings.name(), headers.nextElement(), values);
        }
        return values;
    }

    /**
     * Adds the value of every cookie called {@code name} in one Cookie header ({@code name=value} pairs separated by
     * semicolons, RFC 6265 section 4.2.1), in order: white space around names and values dropped, one pair of double
     * quotes around a value removed. A value is only a candidate: the session id's own parser judges it.
     */
    private static void valuesOf(String name, String header, List<String> values) {
        int length = header.length();
        int at = 0;
        while (at < length) {
            int end = header.indexOf(';', at);
            if (end < 0) {
                end = length;
            }
            int equals = header.indexOf('=', at);
            if (equals > at && equals < end) {
                int nameStart = skipSpace(header, at, equals);
                int nameEnd = trimSpace(header, nameStart, equals);
                if (nameEnd - nameStart == name.length() && header.startsWith(name, nameStart)) {
                    int valueStart = skipSpace(header, equals + 1, end);
                    int valueEnd = trimSpace(header, valueStart, end);
                    if (valueEnd - valueStart >= 2 && header.charAt(valueStart) == '"'
                            && header.charAt(valueEnd - 1) == '"') {
                        valueStart++;
                        valueEnd--;
                    }
                    values.add(header.substring(valueStart, valueEnd));
                }
            }
            at = end + 1;
        }
    }

    private static int skipSpace(String s, int from, int to) {
        while (from < to && isSpace(s.charAt(from))) {
            from++;
        }
        return from;
    }

    private static int trimSpace(String s, int from, int to) {
        while (to > from && isSpace(s.charAt(to - 1))) {
            to--;
        }
        return to;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t';
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
