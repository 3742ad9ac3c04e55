package io.sessiongrid.servlet;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How the session cookie is written. Immutable. Defaults: HttpOnly, SameSite=Lax, Secure when the request is,
 * path = the context path, no Domain, no Max-Age (a browser-session cookie).
 *
 * <p>A name with a browser-enforced prefix gets what the prefix requires, checked at start: {@code __Secure-}
 * is always Secure; {@code __Host-} (recommended: the cookie then cannot be set by a sibling subdomain, nor sent to
 * one) is always Secure, has {@code Path=/} and no Domain. Behind a proxy that terminates TLS, prefer a prefix or
 * {@code cookie.secure=true} over relying on {@code request.isSecure()}, which is false unless the container is
 * told about the proxy.
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
        boolean hostPrefix = name.startsWith(HOST_PREFIX);
        if (hostPrefix || name.startsWith(SECURE_PREFIX)) {
            String prefix = hostPrefix ? HOST_PREFIX : SECURE_PREFIX;
            if (Objects.equals(Boolean.FALSE, secure)) {
                throw new IllegalArgumentException("cookie.name " + name + " starts with " + prefix + ", which browsers"
                        + " accept only on a Secure cookie; leave cookie.secure unset or true");
            }
            secure = Boolean.TRUE;
        }
        if (hostPrefix) {
            if (domain != null) {
                throw new IllegalArgumentException("cookie.name " + name + " starts with __Host-, which browsers accept"
                        + " only without a Domain; remove cookie.domain (" + domain + ")");
            }
            if (path != null && !path.equals("/")) {
                throw new IllegalArgumentException("cookie.name " + name + " starts with __Host-, which browsers accept"
                        + " only with Path=/; remove cookie.path (" + path + ")");
            }
            path = "/";
        }
    }

    private static final String HOST_PREFIX = "__Host-";
    private static final String SECURE_PREFIX = "__Secure-";

    public static CookieSettings defaults() {
        return new CookieSettings("GRIDSESSION", null, null, true, null, "Lax", null, false);
    }
}
