package io.sessiongrid.servlet.config;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How the session cookie is written. Immutable. Defaults: HttpOnly, SameSite=Lax, Secure when the request is,
 * path = the context path, no Domain, no Max-Age (a browser-session cookie).
 *
 * @param secure {@code null}: Secure exactly when the request arrived over HTTPS
 */
public record CookieSettings(String name, String path, String domain, boolean httpOnly, Boolean secure,
                             String sameSite, Duration maxAge, boolean partitioned) {
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]{1,64}");

    public CookieSettings {
        if (name == null || !TOKEN.matcher(name).matches()) {
            throw new IllegalArgumentException("cookie.name must be a cookie token of 1-64 characters, got " + name);
        }
        if (sameSite != null && !sameSite.isEmpty()) {
            String s = sameSite.toLowerCase(Locale.ROOT);
            if (!s.equals("lax") && !s.equals("strict") && !s.equals("none")) {
                throw new IllegalArgumentException("cookie.same-site must be Lax, Strict, None or empty, got "
                        + sameSite);
            }
        }
        if (maxAge != null && maxAge.isNegative()) {
            throw new IllegalArgumentException("cookie.max-age must not be negative, got " + maxAge);
        }
        if (partitioned && Objects.equals(Boolean.FALSE, secure)) {
            throw new IllegalArgumentException("cookie.partitioned needs a Secure cookie; leave cookie.secure unset"
                    + " or true");
        }
    }

    public static CookieSettings defaults() {
        return new CookieSettings("GRIDSESSION", null, null, true, null, "Lax", null, false);
    }
}
