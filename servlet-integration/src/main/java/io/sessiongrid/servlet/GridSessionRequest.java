package io.sessiongrid.servlet;

import io.sessiongrid.client.api.Session;
import io.sessiongrid.client.api.SessionChanges;
import io.sessiongrid.client.api.SessionId;
import io.sessiongrid.client.api.SessionLock;
import io.sessiongrid.client.api.SessionNotFoundException;
import io.sessiongrid.client.api.SessionStore;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import java.security.Principal;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The request as the application sees it: {@code getSession} loads the presented grid session lazily, once per
 * request, and the session is written once per commit as the delta of what changed. An id goes out only on the
 * channel it came in on ({@link PresentedSession#channelForNewSession}). The id changes whenever the session is
 * authenticated ({@code login}, or a principal first attached, as container-managed authentication does), so an
 * id planted before the login is worthless after it. Forward and include share this request and its session.
 */
final class GridSessionRequest extends HttpServletRequestWrapper {
    private static final Logger LOG = Logger.getLogger(GridSessionRequest.class.getName());

    private final HttpServletResponse response;
    private volatile HttpServletResponse guardedResponse;
    private final ServletContext context;
    private final SessionStore store;
    private final SessionListeners listeners;
    private final SessionFilterSettings settings;
    private final FilterMetrics metrics;
    private final PresentedSession presented;
    private GridHttpSession current;
    private SessionIdResolver channel;
    private boolean createdHere;
    private boolean idChangedHere;
    private boolean expiredIdSent;
    private SessionLock lock;
    private volatile AsyncContext asyncContext;

    GridSessionRequest(HttpServletRequest request, HttpServletResponse response, ServletContext context,
                       SessionStore store, List<SessionIdResolver> resolvers, SessionListeners listeners,
                       SessionFilterSettings settings, FilterMetrics metrics) {
        super(request);
        this.metrics = metrics;
        this.response = response;
        this.context = context;
        this.store = store;
        this.listeners = listeners;
        this.settings = settings;
        this.presented = new PresentedSession(request, store, resolvers, settings.fingerprint(), metrics);
    }

    /** The live session the request presented, or null. */
    Session requestedSession() {
        return presented.session();
    }

    /** The presented session ended before this request could lock it: the request goes on without one. */
    void useNoSession() {
        presented.forget();
    }

    /** The request runs under this lock, and releases it when it ends ({@link #end()}). */
    synchronized void runUnder(SessionLock held) {
        this.lock = held;
        presented.replace(held.session());
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
        Session live = current == null ? presented.session() : null;
        if (live != null) {
            current = new GridHttpSession(context, store, listeners, live, false, detectsInPlaceChanges());
            channel = presented.channel();
            return current;
        }
        if (!create) {
            return null;
        }
        if (response.isCommitted()) {
            throw new IllegalStateException("getSession(true): the response is already committed, so a new"
                    + " session's id could not reach the client; create the session before writing the body");
        }
        String fingerprint = PresentedSession.FINGERPRINT;
        Session created = settings.fingerprint() == null ? store.create() : store.create(SessionChanges.builder()
                .set(fingerprint, settings.fingerprint().of((HttpServletRequest) getRequest())).build());
        current = new GridHttpSession(context, store, listeners, created, true, detectsInPlaceChanges());
        createdHere = true;
        channel = presented.channelForNewSession();
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
        idChangedHere = true;
        writeId(next);
        listeners.idChanged(current, old);
        return next.value();
    }

    /**
     * A successful login moves the presented (or current) session to a new id, whether or not the application
     * touched the session before, so an id known before the login is worthless after it.
     */
    @Override
    public void login(String username, String password) throws ServletException {
        super.login(username, password);
        synchronized (this) {
            if (getSession(false) != null && !createdHere && !idChangedHere) {
                changeSessionId();
            }
        }
    }

    @Override
    public String getRequestedSessionId() {
        SessionId id = presented.id();
        return id == null ? null : id.value();
    }

    @Override
    public boolean isRequestedSessionIdValid() {
        Session live = presented.session();
        synchronized (this) {
            return live != null && (current == null || (!current.isInvalid()
                    && current.sessionId().equals(live.id())));
        }
    }

    @Override
    public boolean isRequestedSessionIdFromCookie() {
        SessionIdResolver via = presented.channel();
        return via != null && presented.id() != null && via.usesCookies();
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
     * The context carries this request and the guarded response rather than the container's originals, so a body
     * written from another thread still waits for the session write, as a synchronous one does; and completing it
     * ends the request's session work first ({@link SessionAsyncContext}).
     */
    @Override
    public AsyncContext startAsync() {
        AsyncContext async = new SessionAsyncContext(super.startAsync(this, guardedResponse), this);
        asyncContext = async;
        return async;
    }

    @Override
    public AsyncContext startAsync(ServletRequest request, ServletResponse response) {
        AsyncContext async = new SessionAsyncContext(super.startAsync(request, response), this);
        asyncContext = async;
        return async;
    }

    @Override
    public AsyncContext getAsyncContext() {
        AsyncContext async = asyncContext;
        return async != null ? async : super.getAsyncContext();
    }

    private boolean detectsInPlaceChanges() {
        return settings.saveMode() == SaveMode.ON_CHANGE;
    }

    /**
     * The request is over for its session: writes what changed since the last write, then releases the lock of a
     * locked path. Safe to call more than once (later calls write only later changes).
     */
    void end() {
        try {
            writeSession();
        } finally {
            SessionLock held;
            synchronized (this) {
                held = lock;
            }
            if (held != null) {
                held.release();
            }
        }
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
            if (!expiredIdSent && !response.isCommitted() && channel != null) {
                expiredIdSent = true;
                channel.expire((HttpServletRequest) getRequest(), response);
            }
            return;
        }
        Principal user = getUserPrincipal();
        if (user != null && !user.getName().equals(current.principal())) {
            current.setAttribute(SessionGridFilter.PRINCIPAL_ATTRIBUTE, user.getName());
        }
        if (current.isGainingPrincipal() && !createdHere && !idChangedHere) {
            rotateBeforeAuthenticating();
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
                    current.sessionId().key().abbreviated());
            return;
        }
        if (changes.principalChanged() && changes.principal().isPresent()
                && settings.maxSessionsPerPrincipal() > 0) {
            PrincipalLimit.enforce(store, changes.principal().get(), current.sessionId().key(),
                    settings.maxSessionsPerPrincipal());
        }
    }

    /** A principal is attached to a session presented by the client: that id must not carry it (fixation). */
    private void rotateBeforeAuthenticating() {
        if (response.isCommitted()) {
            LOG.warning("session " + current.sessionId().key().abbreviated() + " gains a principal after its"
                    + " response was committed, so its id cannot be changed; authenticate before writing the body");
            return;
        }
        changeSessionId();
    }

    private void writeId(SessionId id) {
        if (response.isCommitted()) {
            LOG.warning("the response was committed before the session id could be sent; write the session"
                    + " before streaming the body");
        } else if (channel != null) {
            channel.write((HttpServletRequest) getRequest(), response, id);
        }
    }
}
