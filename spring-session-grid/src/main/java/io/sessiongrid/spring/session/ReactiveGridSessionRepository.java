package io.sessiongrid.spring.session;

import io.sessiongrid.client.api.AsyncSessionStore;
import io.sessiongrid.client.api.MalformedSessionIdException;
import io.sessiongrid.client.api.SessionId;
import io.sessiongrid.client.api.SessionKey;
import io.sessiongrid.client.api.SessionStore;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.session.ReactiveFindByIndexNameSessionRepository;
import org.springframework.session.ReactiveSessionRepository;
import org.springframework.session.events.SessionCreatedEvent;
import org.springframework.session.events.SessionDeletedEvent;
import org.springframework.session.events.SessionExpiredEvent;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Spring Session's reactive repository over the store's asynchronous form ({@link AsyncSessionStore}), for Spring
 * WebFlux and Spring Cloud Gateway: no method blocks the thread that subscribes. Each save is one delta applied
 * atomically on the session's owner (attributes changed by concurrent requests on other instances are kept);
 * reads come from the near cache as the store's read mode allows and count as an access there, so a request that
 * changes nothing writes nothing; a changed id is dead on every instance when the save that makes it completes; the
 * principal index is the grid's, and each expiry is published once across all instances as a
 * {@link SessionExpiredEvent}. A new session is stored by its first save (Spring Session saves only sessions that
 * hold something), and {@link SessionCreatedEvent} is published then. A malformed or forged id finds nothing and
 * costs no grid call. Thread safe.
 *
 * <p>Where the grid answered, the rest of the request continues on the thread that completed the store's stage (one
 * of the store's own, never the grid's I/O threads), unless a scheduler is given to continue on: a hop per grid call
 * saved. A near-cache read continues at once on the subscribing thread.
 */
public final class ReactiveGridSessionRepository
        implements ReactiveSessionRepository<GridSpringSession>,
        ReactiveFindByIndexNameSessionRepository<GridSpringSession> {
    private final SessionStore store;
    private final AsyncSessionStore async;
    private final ApplicationEventPublisher events;
    private final Duration defaultMaxInactive;
    private final Scheduler continueOn;

    /**
     * @param defaultMaxInactive what a new session reports before its first save; the same as the store's default
     *                           idle limit (session.max-inactive-interval), which the save keeps
     */
    public ReactiveGridSessionRepository(SessionStore store, ApplicationEventPublisher events,
                                         Duration defaultMaxInactive) {
        this(store, events, defaultMaxInactive, Schedulers.immediate());
    }

    /** @param continueOn where to continue after a grid call; {@link Schedulers#immediate()} for no hop */
    public ReactiveGridSessionRepository(SessionStore store, ApplicationEventPublisher events,
                                         Duration defaultMaxInactive, Scheduler continueOn) {
        this.store = Objects.requireNonNull(store, "store");
        this.async = store.async();
        this.events = Objects.requireNonNull(events, "events");
        this.defaultMaxInactive = Objects.requireNonNull(defaultMaxInactive, "defaultMaxInactive");
        this.continueOn = Objects.requireNonNull(continueOn, "continueOn");
        store.addExpiryListener(expired -> events.publishEvent(new SessionExpiredEvent(this,
                GridSpringSession.reactive(store, expired))));
    }

    /** Makes no grid call: the session is stored by its first save. */
    @Override
    public Mono<GridSpringSession> createSession() {
        return Mono.fromSupplier(() -> GridSpringSession.unsaved(store, defaultMaxInactive));
    }

    @Override
    public Mono<Void> save(GridSpringSession session) {
        return Mono.defer(() -> {
            if (!session.hasChangesBeyondAccess()) {
                return Mono.empty();
            }
            String principal = session.principalToWrite();
            if (!session.isStored()) {
                return answer(async.create(session.sessionId(), session.unsavedChanges(principal))).doOnNext(created -> {
                    session.saved(principal);
                    session.nowStoredUnderItsId();
                    events.publishEvent(new SessionCreatedEvent(this, session));
                }).then();
            }
            Mono<Void> move = !session.idChangePending() ? Mono.empty()
                    : answer(async.changeId(session.storedId(), session.sessionId()))
                    .then(Mono.fromRunnable(session::nowStoredUnderItsId));
            return move.then(Mono.defer(() -> !session.hasChangesBeyondAccess() ? Mono.<Void>empty()
                    : answer(async.apply(session.sessionId(), session.unsavedChanges(principal)))
                    .doOnNext(version -> session.saved(principal)).then()));
        });
    }

    @Override
    public Mono<GridSpringSession> findById(String id) {
        return Mono.defer(() -> {
            SessionId parsed;
            try {
                parsed = SessionId.parse(id);
            } catch (MalformedSessionIdException notOurs) {
                return Mono.empty();
            }
            return answer(async.find(parsed)).flatMap(found -> Mono.justOrEmpty(found
                    .map(s -> GridSpringSession.reactive(store, s))));
        });
    }

    /** Ends the session on every instance; a session's key (from {@link #findByPrincipalName}) works too. */
    @Override
    public Mono<Void> deleteById(String id) {
        return findById(id).flatMap(session -> answer(async.invalidate(session.sessionId()))
                        .doOnNext(ended -> events.publishEvent(new SessionDeletedEvent(this, session))))
                .switchIfEmpty(Mono.defer(() -> {
                    if (id == null) {
                        return Mono.empty();
                    }
                    SessionKey key;
                    try {
                        key = new SessionKey(id);
                    } catch (IllegalArgumentException notAKey) {
                        return Mono.empty();
                    }
                    return answer(async.invalidate(key));
                }))
                .then();
    }

    /**
     * The principal index only ({@link #PRINCIPAL_NAME_INDEX_NAME}); other index names find nothing. The map is
     * keyed by session key, and its sessions show names and times but no values. Hazelcast has no asynchronous
     * query: the query runs on a thread of the store's own.
     */
    @Override
    public Mono<Map<String, GridSpringSession>> findByIndexNameAndIndexValue(String indexName, String indexValue) {
        if (!PRINCIPAL_NAME_INDEX_NAME.equals(indexName) || indexValue == null) {
            return Mono.just(Map.of());
        }
        return Mono.defer(() -> answer(async.findByPrincipal(indexValue))).map(infos -> {
            Map<String, GridSpringSession> found = new LinkedHashMap<>();
            infos.forEach(info -> found.put(info.key().value(), GridSpringSession.describing(store, info)));
            return found;
        });
    }

    /** The stage's outcome; continued on this repository's scheduler, if it has one, unless it was complete already. */
    private <T> Mono<T> answer(CompletionStage<T> stage) {
        CompletableFuture<T> future = stage.toCompletableFuture();
        Mono<T> mono = Mono.fromCompletionStage(future);
        return future.isDone() || continueOn == Schedulers.immediate() ? mono : mono.publishOn(continueOn);
    }
}
