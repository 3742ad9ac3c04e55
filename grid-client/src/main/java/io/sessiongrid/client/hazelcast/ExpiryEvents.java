package io.sessiongrid.client.hazelcast;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryEvictedListener;
import com.hazelcast.map.listener.EntryExpiredListener;
import io.sessiongrid.client.api.SessionExpiryListener;
import io.sessiongrid.client.core.SessionRecord;
import io.sessiongrid.client.core.SessionRules;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Turns the grid's expiry of session entries into one call per session across the cluster. Every store with a
 * listener hears the owner's EXPIRED event (its TTL ran out) or EVICTED event (a reader found the record expired
 * and evicted it; explicit invalidation removes instead, so it never lands here); the first to claim the session
 * in a small side map tells its listeners. Thread safe.
 */
final class ExpiryEvents implements EntryExpiredListener<String, SessionRecord>,
        EntryEvictedListener<String, SessionRecord> {
    private static final System.Logger LOG = System.getLogger(ExpiryEvents.class.getName());

    private final IMap<String, SessionRecord> sessions;
    private final IMap<String, Boolean> claims;
    private final SessionRules rules;
    private final List<SessionExpiryListener> listeners = new CopyOnWriteArrayList<>();
    private UUID registration;
    private boolean closed;

    ExpiryEvents(IMap<String, SessionRecord> sessions, IMap<String, Boolean> claims, SessionRules rules) {
        this.sessions = sessions;
        this.claims = claims;
        this.rules = rules;
    }

    synchronized void add(SessionExpiryListener listener) {
        if (closed) {
            throw new IllegalStateException("the store is closed; open a new one to listen for expiry");
        }
        listeners.add(listener);
        if (registration == null) {
            registration = GridCalls.call("listening for session expiry", () -> sessions.addEntryListener(this, true));
        }
    }

    /**
     * Stops listening: the grid stops sending this store its events (which a store sharing its instance with others
     * would otherwise keep receiving, and claiming, for good). From this call on the store claims no event. Best
     * effort when the grid is away, and bounded: Hazelcast's removal waits for every member's answer without a limit,
     * so it runs on {@code remover}, and this waits for it at most {@code wait}.
     */
    void close(ExecutorService remover, Duration wait) {
        UUID id;
        synchronized (this) {
            closed = true;
            listeners.clear();
            id = registration;
            registration = null;
        }
        if (id == null) {
            return;
        }
        try {
            remover.submit(() -> sessions.removeEntryListener(id)).get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException late) {
            LOG.log(System.Logger.Level.WARNING, "the grid did not confirm within {0} that it dropped this store''s"
                    + " expiry listener; the store closes without waiting longer and claims none of its events. A"
                    + " member that answers nothing for that long is overloaded or stalled: see its log or a thread"
                    + " dump", wait.toSeconds() + " s");
        } catch (ExecutionException unreachable) {
            LOG.log(System.Logger.Level.DEBUG, "the expiry listener could not be removed: {0}",
                    unreachable.getCause().toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void entryExpired(EntryEvent<String, SessionRecord> event) {
        ended(event);
    }

    @Override
    public void entryEvicted(EntryEvent<String, SessionRecord> event) {
        ended(event);
    }

    private void ended(EntryEvent<String, SessionRecord> event) {
        SessionRecord record = event.getOldValue();
        if (record == null || record.isForwarding() || listeners.isEmpty() || !rules.trusts(record)) {
            // A forwarding record is what an id change leaves behind: its session lives on under the new key. A closed
            // store must not claim an event in flight that no listener of its would hear. A record made up in the grid
            // (its seal fails, with encryption on) was never a session.
            return;
        }
        try {
            // Every listening store hears the event within moments; the claim only has to outlive that, and a key
            // is never reused. Claims cost memory only while they live.
            if (claims.putIfAbsent(record.key(), Boolean.TRUE, 60, TimeUnit.SECONDS) != null) {
                return;
            }
            for (SessionExpiryListener listener : listeners) {
                listener.expired(rules.viewByKey(record));
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "expiry of session {0} was not reported: {1}",
                    record.key().substring(0, 8), e.toString());
        }
    }
}
