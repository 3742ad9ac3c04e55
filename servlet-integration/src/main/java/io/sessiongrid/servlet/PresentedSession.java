package io.sessiongrid.servlet;

import io.sessiongrid.client.api.MalformedSessionIdException;
import io.sessiongrid.client.api.Session;
import io.sessiongrid.client.api.SessionId;
import io.sessiongrid.client.api.SessionStore;
import jakarta.servlet.http.HttpServletRequest;

import java.util.List;
import java.util.logging.Logger;

/**
 * The session a request presents, resolved once and lazily: the first well-formed id among those the resolvers
 * find, and its live session if it has one, with the resolver (the channel) it came through. Reads at most
 * {@value #MAX_CANDIDATES} well-formed ids from the grid, so a request stuffed with ids cannot multiply grid reads;
 * malformed ones cost no grid call. Also decides the channel a new session's id goes out on. Thread safe.
 */
final class PresentedSession {
    private static final Logger LOG = Logger.getLogger(PresentedSession.class.getName());
    /** Browsers send more than one cookie of a name only across paths or domains: a handful is plenty. */
    static final int MAX_CANDIDATES = 4;
    static final String FINGERPRINT = SessionGridFilter.RESERVED_PREFIX + "fingerprint";

    private final HttpServletRequest request;
    private final SessionStore store;
    private final List<SessionIdResolver> resolvers;
    private final ClientFingerprint fingerprint;
    private final FilterMetrics metrics;
    private boolean resolved;
    private SessionId id;
    private SessionIdResolver channel;
    private Session session;

    PresentedSession(HttpServletRequest request, SessionStore store, List<SessionIdResolver> resolvers,
                     ClientFingerprint fingerprint, FilterMetrics metrics) {
        this.request = request;
        this.store = store;
        this.resolvers = resolvers;
        this.fingerprint = fingerprint;
        this.metrics = metrics;
    }

    /** The live session presented, or null. */
    synchronized Session session() {
        resolve();
        return session;
    }

    /** The id presented (the live one, else the first well-formed one), or null. */
    synchronized SessionId id() {
        resolve();
        return id;
    }

    /** The resolver the presented id came through, or null if none was presented. */
    synchronized SessionIdResolver channel() {
        resolve();
        return channel;
    }

    /** The presented session ended before the request could lock it: the request goes on without one. */
    synchronized void forget() {
        resolved = true;
        session = null;
    }

    /** A snapshot read under the session lock replaces the unlocked read. */
    synchronized void replace(Session locked) {
        resolved = true;
        id = locked.id();
        session = locked;
    }

    /**
     * Where the id of a session this request creates goes: back through the channel the request used for an id,
     * even an unknown or malformed one; else through the header when the request carries it (an API client
     * announces itself by sending the header, empty on its first request); else the cookie, or, when the
     * application plugged in channels without one, the first of them.
     */
    SessionIdResolver channelForNewSession() {
        SessionIdResolver presentedVia = channel();
        if (presentedVia != null) {
            return presentedVia;
        }
        SessionIdResolver cookie = null;
        for (SessionIdResolver r : resolvers) {
            if (r.usesCookies()) {
                cookie = r;
            } else if (r.isAnnouncedBy(request)) {
                return r;
            }
        }
        return cookie != null ? cookie : resolvers.get(0);
    }

    private void resolve() {
        if (resolved) {
            return;
        }
        resolved = true;
        int candidates = 0;
        for (SessionIdResolver resolver : resolvers) {
            for (String text : resolver.presented(request)) {
                if (candidates == MAX_CANDIDATES) {
                    metrics.idRejected(FilterMetrics.Rejection.EXCESS);
                    LOG.fine("ignoring further presented session ids beyond " + MAX_CANDIDATES);
                    return;
                }
                SessionId parsed;
                try {
                    parsed = SessionId.parse(text);
                } catch (MalformedSessionIdException e) {
                    metrics.idRejected(FilterMetrics.Rejection.MALFORMED);
                    LOG.fine(() -> "ignoring a malformed session id: " + e.getMessage());
                    if (channel == null) {
                        channel = resolver;
                    }
                    continue;
                }
                candidates++;
                if (id == null) {
                    id = parsed;
                    channel = resolver;
                }
                Session live = read(parsed);
                if (live != null) {
                    id = parsed;
                    channel = resolver;
                    session = live;
                    return;
                }
            }
        }
    }

    private Session read(SessionId candidate) {
        long started = System.nanoTime();
        Session live = store.find(candidate).orElse(null);
        metrics.sessionLoaded(System.nanoTime() - started);
        if (live == null) {
            metrics.idRejected(FilterMetrics.Rejection.UNKNOWN);
            return null;
        }
        if (!fingerprintMatches(live)) {
            metrics.idRejected(FilterMetrics.Rejection.FINGERPRINT);
            LOG.warning("possible session replay: session " + live.key().abbreviated() + " was presented by a"
                    + " client with another fingerprint (User-Agent or address); treated as no session");
            return null;
        }
        return live;
    }

    private boolean fingerprintMatches(Session live) {
        if (fingerprint == null) {
            return true;
        }
        Object stored;
        try {
            stored = live.attribute(FINGERPRINT);
        } catch (RuntimeException undecodable) {
            return false;
        }
        return fingerprint.of(request).equals(stored);
    }
}
