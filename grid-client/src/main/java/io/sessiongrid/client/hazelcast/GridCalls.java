package io.sessiongrid.client.hazelcast;

import com.hazelcast.client.HazelcastClientOfflineException;
import com.hazelcast.client.UndefinedErrorCodeException;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.core.MemberLeftException;
import com.hazelcast.core.OperationTimeoutException;
import com.hazelcast.nio.serialization.HazelcastSerializationException;
import com.hazelcast.spi.exception.TargetDisconnectedException;
import com.hazelcast.spi.exception.TargetNotMemberException;
import io.sessiongrid.client.api.GridUnavailableException;
import io.sessiongrid.client.api.SessionGridException;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Runs one grid call and turns Hazelcast's failures into the store's typed errors with a cause and a fix.
 *
 * <p>{@link #call} retries, for at most {@value #RETRY_BUDGET_MILLIS} ms, a call whose member left or closed its
 * connection while the call was in flight (a rolling restart does this to a few calls): Hazelcast's client does
 * not retry such a call itself unless it is read-only, and the grid still has the data on the new owner. Only
 * idempotent calls may use it: each of our entry processors sets absolute values, so running one twice leaves
 * the same attributes. {@link #callOnce} is for the rest (locks, multi-step id changes, admin actions).
 * {@link #async} is {@link #call} for a call that returns a stage: the pause before a retry is a delayed task, never
 * a parked thread, so that an event-loop caller is not held up; the stage completes on the executor given, never on
 * Hazelcast's threads.
 */
final class GridCalls {
    static final long RETRY_BUDGET_MILLIS = 2_000;
    private static final long FIRST_PAUSE_MILLIS = 25;

    private GridCalls() {
    }

    static <T> T call(String operation, Supplier<T> call) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(RETRY_BUDGET_MILLIS);
        long pause = FIRST_PAUSE_MILLIS;
        while (true) {
            try {
                return call.get();
            } catch (RuntimeException e) {
                if (!memberLeft(e) || System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(pause) > deadline) {
                    throw translate(operation, e);
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(pause));
                if (Thread.currentThread().isInterrupted()) {
                    throw translate(operation, e);
                }
                pause *= 2;
            }
        }
    }

    /**
     * @param callbacks where the answer is handled and the returned stage completes: a thread that may make the next
     *                  grid call of a chain
     */
    static <T> CompletableFuture<T> async(String operation, Executor callbacks,
                                          Supplier<? extends CompletionStage<T>> call) {
        CompletableFuture<T> result = new CompletableFuture<>();
        attempt(operation, callbacks, call, result,
                System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(RETRY_BUDGET_MILLIS), FIRST_PAUSE_MILLIS);
        return result;
    }

    private static <T> void attempt(String operation, Executor callbacks, Supplier<? extends CompletionStage<T>> call,
                                    CompletableFuture<T> result, long deadline, long pause) {
        CompletionStage<T> stage;
        try {
            stage = call.get();
        } catch (RuntimeException e) {
            stage = CompletableFuture.failedFuture(e);
        }
        // Not Hazelcast's response or partition threads: they may not make the next grid call of a chain
        // (IllegalThreadStateException, seen when the callback ran on a member's response thread). Not Hazelcast's
        // default executor either: ForkJoinPool's common pool, which on a 2-core machine has a parallelism of 1, and
        // then Hazelcast starts a new thread for every callback.
        stage.whenCompleteAsync((value, failure) -> {
            if (failure == null) {
                result.complete(value);
                return;
            }
            Throwable cause = unwrapped(failure);
            if (!(cause instanceof RuntimeException e)) {
                result.completeExceptionally(cause);
            } else if (memberLeft(e) && System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(pause) <= deadline) {
                CompletableFuture.delayedExecutor(pause, TimeUnit.MILLISECONDS, callbacks)
                        .execute(() -> attempt(operation, callbacks, call, result, deadline, pause * 2));
            } else {
                result.completeExceptionally(translate(operation, e));
            }
        }, callbacks);
    }

    /** The failure a stage was completed with, without the wrappers that dependent stages add. */
    static Throwable unwrapped(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    static <T> T callOnce(String operation, Supplier<T> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            throw translate(operation, e);
        }
    }

    private static RuntimeException translate(String operation, RuntimeException e) {
        // Serializing a Compact value first registers its schema with the cluster, so an offline client
        // reports a serialization failure caused by being offline: look at the whole chain.
        Throwable database = persistenceCause(e);
        if (database != null) {
            return new GridUnavailableException("the session database behind the grid did not take " + operation
                    + " (" + database.getMessage() + "); nothing of it was stored: retry once the database is back",
                    e);
        }
        Throwable unavailable = availabilityCause(e);
        if (unavailable != null) {
            return new GridUnavailableException("the session grid did not answer " + operation + " ("
                    + unavailable.getClass().getSimpleName() + ": " + unavailable.getMessage() + "); check that"
                    + " grid members are running and reachable from here", e);
        }
        if (e instanceof HazelcastSerializationException) {
            return new SessionGridException("the session grid could not serialize " + operation + " ("
                    + e.getMessage() + "); every member and client must run the same grid-client version and"
                    + " register GridSerialization", e);
        }
        return e;
    }

    /** The member a call went to is gone or going; the cluster itself may be fine. */
    private static boolean memberLeft(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TargetDisconnectedException || t instanceof TargetNotMemberException
                    || t instanceof MemberLeftException) {
                return true;
            }
            if (t instanceof HazelcastClientOfflineException) {
                return false;
            }
        }
        return false;
    }

    /**
     * A member's database refused the call. A thin client does not know the member's exception class and receives it
     * as an {@link UndefinedErrorCodeException} naming it.
     */
    private static Throwable persistenceCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PersistenceUnavailableException || t instanceof UndefinedErrorCodeException u
                    && PersistenceUnavailableException.class.getName().equals(u.getOriginClassName())) {
                return t;
            }
        }
        return null;
    }

    private static Throwable availabilityCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof HazelcastClientOfflineException || t instanceof HazelcastInstanceNotActiveException
                    || t instanceof OperationTimeoutException || t instanceof TargetDisconnectedException
                    || t instanceof TargetNotMemberException) {
                return t;
            }
        }
        return null;
    }
}
