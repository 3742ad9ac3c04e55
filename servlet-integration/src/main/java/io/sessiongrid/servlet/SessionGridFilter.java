package io.sessiongrid.servlet;

import com.hazelcast.core.HazelcastInstance;
import io.sessiongrid.client.api.GridUnavailableException;
import io.sessiongrid.client.api.Session;
import io.micrometer.core.instrument.MeterRegistry;
import io.sessiongrid.client.api.SessionLock;
import io.sessiongrid.client.api.SessionLockTimeoutException;
import io.sessiongrid.client.api.SessionNotFoundException;
import io.sessiongrid.client.api.SessionStore;
import io.sessiongrid.client.api.StoreSettings;
import io.sessiongrid.client.hazelcast.SessionGrid;
import io.sessiongrid.client.local.InProcessSessionStore;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Puts the application's HttpSession in the grid. Register it first in the chain for REQUEST, ASYNC and ERROR
 * dispatches (forward and include reuse the wrapped request; an error page then sees the grid session). Per request
 * it loads the session lazily once and writes the delta of what changed before the response is committed (async
 * requests too), and what changed after that at the end; a request whose chain throws still writes what it changed.
 * Requests on a {@link SessionFilterSettings#lockedPaths() locked path} (matched on the path the container routes
 * on) run one at a time per session across the cluster, holding the lock until the request, async or not, ends.
 * When the grid does not answer in time, the request fails with 503 and a log line, never hangs. Thread safe.
 */
public final class SessionGridFilter implements Filter {
    /**
     * Setting this attribute to a user name sets the session's principal in the grid (found by
     * {@code findByPrincipal}, limited by {@code session.max-per-principal}) instead of storing an attribute.
     * The container's {@code getUserPrincipal()} sets it too.
     */
    public static final String PRINCIPAL_ATTRIBUTE = "io.sessiongrid.principal";
    /** Names the filter reserves: kept in the grid, never listed by {@code getAttributeNames()}. */
    public static final String RESERVED_PREFIX = "io.sessiongrid.";
    private static final Logger LOG = Logger.getLogger(SessionGridFilter.class.getName());

    private volatile SessionStore store;
    private volatile boolean ownsLocalStore;
    private volatile SessionFilterSettings settings;
    private volatile List<SessionIdResolver> resolvers;
    private volatile SessionListeners listeners;
    private volatile ServletContext context;
    private volatile SessionGrid ownedGrid;
    private volatile FilterMetrics metrics = FilterMetrics.none();
    private final AtomicBoolean watchingExpiry = new AtomicBoolean();

    /** For registration by class name: the filter configures itself from its init-params ({@link InitParams}). */
    public SessionGridFilter() {
    }

    /** For programmatic registration over a store the application opened (and closes). */
    public SessionGridFilter(SessionStore store, SessionFilterSettings settings) {
        use(store, settings);
    }

    private void use(SessionStore store, SessionFilterSettings settings) {
        this.store = store;
        this.settings = settings;
        this.listeners = new SessionListeners(settings.listeners(), this::watchExpiry);
        this.resolvers = settings.idResolvers();
        if (settings.meterRegistry() != null) {
            measureInto(settings.meterRegistry());
        }
        if (listeners.hasLifecycleListeners()) {
            watchExpiry();
        }
    }

    /**
     * Expiry happens in the grid, not in a request: one instance of those listening hears of each. An instance
     * listens when it has session listeners, or from the first bound value that wants to hear of its unbinding.
     */
    private void watchExpiry() {
        if (watchingExpiry.compareAndSet(false, true)) {
            store.addExpiryListener(expired -> new GridHttpSession(context, store, listeners, expired, false,
                    settings.saveMode() == SaveMode.ON_CHANGE).expired());
        }
    }

    /**
     * @throws ServletException naming the init-param when the configuration is invalid or the grid is unreachable
     */
    @Override
    public void init(FilterConfig config) throws ServletException {
        context = config.getServletContext();
        if (store != null) {
            measure();
            return;
        }
        Map<String, String> params = new HashMap<>();
        Collections.list(config.getInitParameterNames()).forEach(n -> params.put(n, config.getInitParameter(n)));
        try {
            InitParams init = new InitParams(params);
            StoreSettings storeSettings = init.store();
            SessionFilterSettings web = init.web(Thread.currentThread().getContextClassLoader());
            use(open(init, storeSettings), web);
            measure();
        } catch (RuntimeException e) {
            // A grid this filter started must not outlive the failed start: a member would stay in the cluster.
            destroy();
            throw new ServletException("session grid filter \"" + config.getFilterName() + "\" did not start: "
                    + e.getMessage(), e);
        }
    }

    /** The store the init-params name; a grid the filter starts itself is closed with it. */
    private SessionStore open(InitParams init, StoreSettings storeSettings) {
        return switch (init.mode()) {
            case LOCAL -> {
                ownsLocalStore = true;
                yield new InProcessSessionStore(storeSettings);
            }
            case INSTANCE -> {
                String attribute = init.instanceAttribute();
                if (!(context.getAttribute(attribute) instanceof HazelcastInstance instance)) {
                    throw new IllegalArgumentException("grid.mode=instance needs a HazelcastInstance in the"
                            + " ServletContext attribute \"" + attribute + "\" before the filter starts");
                }
                yield SessionGrid.wrap(instance).openStore(storeSettings);
            }
            case CLIENT -> {
                ownedGrid = SessionGrid.client(init.client());
                yield ownedGrid.openStore(storeSettings);
            }
            case EMBEDDED -> {
                ownedGrid = SessionGrid.embedded(init.member());
                yield ownedGrid.openStore(storeSettings);
            }
        };
    }

    /** Without a registry in the settings, the one in the servlet context, if any. */
    private void measure() {
        if (settings.meterRegistry() == null
                && context.getAttribute(FilterMetrics.REGISTRY_ATTRIBUTE) instanceof MeterRegistry found) {
            measureInto(found);
        }
    }

    private void measureInto(MeterRegistry registry) {
        FilterMetrics measured = new FilterMetrics(registry);
        store.addObserver(measured);
        metrics = measured;
    }

    @Override
    public void destroy() {
        SessionGrid grid = ownedGrid;
        ownedGrid = null;
        if (grid != null) {
            if (store != null) {
                store.close();
            }
            grid.close();
        } else if (ownsLocalStore && store != null) {
            store.close();
        }
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException,
            ServletException {
        if (req instanceof GridSessionRequest again) {
            // Forward, include or an async dispatch of a request this filter already wraps.
            chain.doFilter(req, res);
            if (req.getDispatcherType() == DispatcherType.ASYNC && !again.isAsyncStarted()) {
                again.end();
            }
            return;
        }
        if (!(req instanceof HttpServletRequest http)) {
            chain.doFilter(req, res);
            return;
        }
        HttpServletResponse response = (HttpServletResponse) res;
        FilterMetrics metrics = this.metrics;
        GridSessionRequest request = new GridSessionRequest(http, response, http.getServletContext(), store,
                resolvers, listeners, settings, metrics);
        CommitGuardResponse guarded = new CommitGuardResponse(response, request::writeSession);
        request.respondThrough(guarded);
        try {
            if (!settings.lockedPaths().isEmpty() && settings.isLocked(mappedPath(http))
                    && request.requestedSession() != null) {
                runLocked(chain, request, guarded, metrics);
            } else {
                run(chain, request, guarded);
            }
        } catch (SessionLockTimeoutException e) {
            metrics.lockTimedOut();
            fail(response, 503, "the session is busy with another request; retry shortly", e);
        } catch (RuntimeException e) {
            GridUnavailableException unavailable = unavailable(e);
            if (unavailable == null) {
                throw e;
            }
            metrics.gridUnavailable();
            fail(response, 503, "the session store is not reachable; retry shortly", unavailable);
        }
    }

    /**
     * Holds the session's lock for the whole request: until the chain returns, or, when the servlet went async,
     * until the async cycle completes. Released from whichever thread ends the request.
     */
    private void runLocked(FilterChain chain, GridSessionRequest request, CommitGuardResponse response,
                           FilterMetrics metrics) throws IOException, ServletException {
        Session requested = request.requestedSession();
        long asked = System.nanoTime();
        SessionLock lock;
        try {
            lock = store.lock(requested.id(), settings.lockWait());
        } catch (SessionNotFoundException endedBeforeTheLock) {
            // The session ended between the first read and the lock: serve the request without it.
            request.useNoSession();
            run(chain, request, response);
            return;
        }
        metrics.lockAcquired(System.nanoTime() - asked);
        request.runUnder(lock);
        run(chain, request, response);
    }

    /**
     * Runs the chain and ends the request's session work when it returns; an async request ends it on
     * completion. A chain that fails still writes what the request changed before the failure (as a container's
     * own session would keep it), so an error page and the next request see it.
     */
    private static void run(FilterChain chain, GridSessionRequest request, CommitGuardResponse response)
            throws IOException, ServletException {
        try {
            chain.doFilter(request, response);
        } catch (IOException | ServletException | RuntimeException | Error failure) {
            if (!request.isAsyncStarted()) {
                endAfterFailure(request, failure);
            }
            throw failure;
        }
        if (!request.isAsyncStarted()) {
            request.end();
        }
    }

    private static void endAfterFailure(GridSessionRequest request, Throwable failure) {
        try {
            request.end();
        } catch (RuntimeException writeFailed) {
            failure.addSuppressed(writeFailed);
        }
    }

    /** The path the container routes on (decoded, normalised, without path parameters), relative to the context. */
    private static String mappedPath(HttpServletRequest request) {
        String pathInfo = request.getPathInfo();
        return pathInfo == null ? request.getServletPath() : request.getServletPath() + pathInfo;
    }

    private static GridUnavailableException unavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof GridUnavailableException g) {
                return g;
            }
        }
        return null;
    }

    private static void fail(HttpServletResponse response, int status, String message, Exception cause)
            throws IOException {
        LOG.log(Level.WARNING, "request failed with " + status + ": " + message + " (" + cause.getMessage() + ")");
        if (!response.isCommitted()) {
            response.sendError(status, message);
        }
    }
}
