package io.sessiongrid.servlet;

import io.sessiongrid.client.api.SessionId;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.util.Collections;
import java.util.List;

/**
 * The id in a request header, for token-style API clients: the client sends it back in the same header the
 * response carries it in; an empty response header means the session ended. A client without a session sends the
 * header empty to be given one on it (else the cookie is used). Thread safe.
 */
public final class HeaderSessionIdResolver implements SessionIdResolver {
    private final String header;

    public HeaderSessionIdResolver(String header) {
        this.header = header;
    }

    @Override
    public List<String> presented(HttpServletRequest request) {
        return Collections.list(request.getHeaders(header));
    }

    @Override
    public void write(HttpServletRequest request, HttpServletResponse response, SessionId id) {
        response.setHeader(header, id.value());
    }

    @Override
    public void expire(HttpServletRequest request, HttpServletResponse response) {
        response.setHeader(header, "");
    }

    @Override
    public boolean usesCookies() {
        return false;
    }

    @Override
    public boolean isAnnouncedBy(HttpServletRequest request) {
        return request.getHeader(header) != null;
    }
}
