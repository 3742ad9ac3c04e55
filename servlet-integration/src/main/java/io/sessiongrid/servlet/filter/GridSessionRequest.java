package io.sessiongrid.servlet.filter;

import io.sessiongrid.client.api.MalformedSessionIdException;
import io.sessiongrid.client.api.Session;
import io.sessiongrid.client.api.SessionChanges;
import io.sessiongrid.client.api.SessionId;
import io.sessiongrid.client.api.SessionInfo;
import io.sessiongrid.client.api.SessionNotFoundException;
import io.sessiongrid.client.api.SessionStore;
import io.sessiongrid.servlet.config.SaveMode;
import io.sessiongrid.servlet.config.SessionFilterSettings;
import io.sessiongrid.servlet.events.SessionListeners;
import io.sessiongrid.servlet.id.SessionIdResolver;
import io.sessiongrid.servlet.metrics.FilterMetrics;
import io.sessiongrid.servlet.session.GridHttpSession;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import java.security.Principal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The request as the application sees it: {@code getSession} loads the grid session lazily, once per request,
 * and the session is written once per commit as the delta of what changed. A presented id that is malformed is
 * treated as no id without any grid call. Forward and include share this request and so its session.
 */
final class GridSessionRequest extends HttpServletRequestWrapper {
    private static final Logger LOG = Logger.getLogger(GridSessionRequest.class.getName());

    private final HttpServletResponse response;
    private volatile HttpServletResponse guardedResponse;
    private final ServletContext context;
    private final SessionStore store;
    private final List<SessionIdResolver> resolvers;
    private final SessionListeners listeners;
    private final SessionFilterSettings settings;
    private final FilterMetrics metrics;
    private boolean resolved;
    private SessionId requestedId;
    private SessionIdResolver requestedVia;
    private Session requestedSession;
    private GridHttpSession current;
    private boolean expiredIdSent;

    GridSessionRequest(HttpServletRequest request, HttpServletResponse response, ServletContext context,
                       SessionStore store, List<SessionIdResolver> resolvers, SessionListeners listeners,
                       SessionFilterSettings settings, FilterMetrics metrics) {
        super(request);
        this.metrics = metrics;
        this.response = response;
        this.context = context;
        this.store = store;
        this.resolvers = resolvers;
        this.listeners = listeners;
        this.settings = settings;
    }

    private static final String FINGERPRINT = GridHttpSession.RESERVED_PREFIX + "fingerprint";
    /** Browsers send more than one cookie of a name only across paths or domains: a handful is plenty. */
    private static final int MAX_CANDIDATES = 4;

    /**
     * The first well-formed presented id, and its live session if it has one: one grid read per well-formed id,
     * for at most {@value #MAX_CANDIDATES} of them, so a request stuffed with ids cannot multiply grid reads.
     */
    synchronized Session requestedSession() {
        if (!resolved) {
            resolved = true;
            int candidates = 0;
            for (SessionIdResolver resolver : resolvers) {
                for (String text : resolver.presented((HttpServletRequest) getRequest())) {
                    if (candidates == MAX_CANDIDATES) {
                        metrics.idRejected(FilterMetrics.Rejection.EXCESS);
                        LOG.fine("ignoring further presented session ids beyond " + MAX_CANDIDATES);
                        return null;
                    }
                    SessionId id;
                    try {
                        id = SessionId.parse(text);
                    } catch (MalformedSessionIdException e) {
                        metrics.idRejected(FilterMetrics.Rejection.MALFORMED);
                        LOG.fine(() -> "ignoring a malformed session id: " + e.getMessage());
                        continue;
                    }
                    candidates++;
                    if (requestedId == null) {
                        requestedId = id;
                        requestedVia = resolver;
                    }
                    long started = System.nanoTime();
                    Session live = store.find(id).orElse(null);
                    metrics.sessionLoaded(System.nanoTime() - started);
                    if (live == null) {
                        metrics.idRejected(FilterMetrics.Rejection.UNKNOWN);
                    } else if (!fingerprintMatches(live)) {
                        metrics.idRejected(FilterMetrics.Rejection.FINGERPRINT);
                        LOG.warning("possible session replay: session " + live.key().abbreviated() + " was presented"
                                + " by a client with another fingerprint (User-Agent or address); treated as no"
                                + " session");
                        live = null;
                    }
                    if (live != null) {
                        requestedId = id;
                        requestedVia = resolver;
                        requestedSession = live;
                        return live;
                    }
                }
            }
        }
        return requestedSession;
    }

    private boolean fingerprintMatches(Session session) {
        if (settings.fingerprint() == null) {
            return true;
        }
        Object stored;
        try {
            stored = session.attribute(FINGERPRINT);
        } catch (RuntimeException undecodable) {
            return false;
        }
        return settings.fingerprint().of((HttpServletRequest) getRequest()).equals(stored);
    }

    /** The presented session ended before this request could lock it: the request goes on without one. */
    synchronized void useNoSession() {
        resolved = true;
        requestedSession = null;
    }

    /** Uses a snapshot read under the session lock instead of an unlocked read. */
    synchronized void useLockedSnapshot(Session locked) {
        resolved = true;
        requestedId = locked.id();
        requestedSession = locked;
    }

    @Override
    public HttpSession getSession() {
        return getSession(true);
    }

    @Override
    public synchronized HttpSession getSession(boolean create) {
        if (current != null && !current.isInvalid()) {
            return current;
        }
        Session live = current == null ? requestedSession() : null;
        if (live != null) {
            current = new GridHttpSession(context, store, listeners, live, false, detectsInPlaceChanges());
            return current;
        }
        if (!create) {
            return null;
        }
        Session created = settings.fingerprint() == null ? store.create() : store.create(SessionChanges.builder()
                .set(FINGERPRINT, settings.fingerprint().of((HttpServletRequest) getRequest())).build());
        current = new GridHttpSession(context, store, listeners, created, true, detectsInPlaceChanges());
        writeId(created.id());
        listeners.created(current);
        return current;
    }

    @Override
    public synchronized String changeSessionId() {
        HttpSession session = getSession(false);
        if (session == null) {
            throw new IllegalStateException("changeSessionId: this request has no session");
        }
        String old = current.getId();
        SessionId next = store.changeId(current.sessionId());
        current.movedTo(next);
        writeId(next);
        listeners.idChanged(current, old);
        return next.value();
    }

    /** A successful login moves the session to a new id, so an id known before the login is worthless after. */
    @Override
    public void login(String username, String password) throws ServletException {
        super.login(username, password);
        synchronized (this) {
            if (current != null && !current.isInvalid()) {
                changeSessionId();
            }
        }
    }

    @Override
    public String getRequestedSessionId() {
        requestedSession();
        synchronized (this) {
            return requestedId == null ? null : requestedId.value();
        }
    }

    @Override
    public boolean isRequestedSessionIdValid() {
        Session live = requestedSession();
        synchronized (this) {
            return live != null && (current == null || (!current.isInvalid()
                    && current.sessionId().equals(live.id())));
        }
    }

    @Override
    public boolean isRequestedSessionIdFromCookie() {
        requestedSession();
        synchronized (this) {
            return requestedId != null && requestedVia.usesCookies();
        }
    }

    @Override
    public boolean isRequestedSessionIdFromURL() {
        return false;
    }

    /** The response the application writes to: its commit writes the session first. */
    void respondThrough(HttpServletResponse guarded) {
        this.guardedResponse = guarded;
    }

    /**
     * Async requests write their session when the async cycle completes; registered at once, before any race. The
     * context carries this request and the guarded response rather than the container's originals, so the body
     * written from another thread still waits for the session write, as a synchronous one does: otherwise the
     * browser's next request could arrive before the write.
     */
    @Override
    public AsyncContext startAsync() {
        AsyncContext async = super.startAsync(this, guardedResponse);
        async.addListener(new WriteOnCompletion(this));
        return async;
    }

    @Override
    public AsyncContext startAsync(ServletRequest request, ServletResponse response) {
        AsyncContext async = super.startAsync(request, response);
        async.addListener(new WriteOnCompletion(this));
        return async;
    }

    private boolean detectsInPlaceChanges() {
        return settings.saveMode() == SaveMode.ON_CHANGE;
    }

    /**
     * Writes what this request changed since the last write, as one delta. A session that ended meanwhile
     * (expired, or invalidated by another request) keeps it ended: the changes are dropped and logged.
     */
    synchronized void writeSession() {
        if (current == null) {
            return;
        }
        if (current.isInvalid()) {
            if (!expiredIdSent && !response.isCommitted()) {
                expiredIdSent = true;
                resolvers.forEach(r -> r.expire((HttpServletRequest) getRequest(), response));
            }
            return;
        }
        Principal user = getUserPrincipal();
        if (user != null && !user.getName().equals(current.principal())) {
            current.setAttribute(GridHttpSession.PRINCIPAL_ATTRIBUTE, user.getName());
        }
        SessionChanges changes = current.drainChanges();
        if (changes.isEmpty()) {
            return;
        }
        long started = System.nanoTime();
        try {
            store.apply(current.sessionId(), changes);
            metrics.sessionWritten(System.nanoTime() - started);
            current.written(changes);
        } catch (SessionNotFoundException ended) {
            LOG.log(Level.INFO, "session {0} ended while a request was using it; its last changes were dropped",
                    current.sessionId());
            return;
        }
        if (changes.principalChanged() && changes.principal().isPresent()
                && settings.maxSessionsPerPrincipal() > 0) {
            endOldestBeyondLimit(changes.principal().get());
        }
    }

    /** The principal's newest sessions stay, this one among them; the oldest beyond the limit end. */
    private void endOldestBeyondLimit(String principal) {
        List<SessionInfo> sessions = new ArrayList<>(store.findByPrincipal(principal));
        sessions.removeIf(s -> s.key().equals(current.sessionId().key()));
        sessions.sort(Comparator.comparing(SessionInfo::createdAt).reversed());
        int keep = settings.maxSessionsPerPrincipal() - 1;
        for (SessionInfo old : sessions.subList(Math.min(keep, sessions.size()), sessions.size())) {
            store.invalidate(old.key());
            LOG.info(() -> "session " + old.key().abbreviated() + " of a principal ended: over "
                    + settings.maxSessionsPerPrincipal() + " sessions (session.max-per-principal)");
        }
    }

    private record WriteOnCompletion(GridSessionRequest request) implements AsyncListener {
        @Override
        public void onComplete(AsyncEvent event) {
            request.writeSession();
        }

        @Override
        public void onTimeout(AsyncEvent event) {
        }

        @Override
        public void onError(AsyncEvent event) {
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            event.getAsyncContext().addListener(this);
        }
    }

    private void writeId(SessionId id) {
        if (!response.isCommitted()) {
            resolvers.forEach(r -> r.write((HttpServletRequest) getRequest(), response, id));
        } else {
            LOG.warning("the response was committed before the session id could be sent; write the session"
                    + " before streaming the body");
        }
    }
}
