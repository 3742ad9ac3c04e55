package io.sessiongrid.servlet;

import io.sessiongrid.client.api.SessionId;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.util.List;

/**
 * How a session id travels between the client and the application: one channel (a cookie, a header). An id is
 * answered on the channel it came in on, never on another, so a cookie's id never reaches scripts through a header
 * and a header client never receives an ambient cookie. Implementations are thread safe.
 */
public interface SessionIdResolver {
    /** The texts the request presents as session ids, most preferred first; unvalidated. */
    List<String> presented(HttpServletRequest request);

    /** Tells the client its session id; called before the response is committed. */
    void write(HttpServletRequest request, HttpServletResponse response, SessionId id);

    /** Tells the client to forget its session id. */
    void expire(HttpServletRequest request, HttpServletResponse response);

    /** Whether this resolver reads cookies (for {@code isRequestedSessionIdFromCookie}). */
    boolean usesCookies();

    /**
     * Whether the request asks for its id on this channel even though it presents no id on it (a header client
     * sends the header empty on its first request). The cookie never needs to be asked for.
     */
    default boolean isAnnouncedBy(HttpServletRequest request) {
        return false;
    }
}
