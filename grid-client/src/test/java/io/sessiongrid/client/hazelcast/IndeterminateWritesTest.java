package io.sessiongrid.client.hazelcast;

import com.hazelcast.core.IndeterminateOperationStateException;
import io.sessiongrid.client.api.GridUnavailableException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A write whose synchronous backup did not confirm it must not pass as done: if its owner then dies, the only copy
 * dies with it, and a later read misses an acknowledged write. The grid is configured to report that state, and the
 * store retries such a call (each call it retries is idempotent: the owner recognises a write id it applied).
 */
class IndeterminateWritesTest {
    private static final Duration LATE = Duration.ofMillis(GridCalls.RETRY_BUDGET_MILLIS + 500);

    @Test
    void membersAndClientsReportAnUnconfirmedBackupInsteadOfSuccess() {
        assertEquals("true", GridConfigs.member(MemberSettings.builder().build())
                .getProperty("hazelcast.operation.fail.on.indeterminate.state"));
        assertEquals("true", GridConfigs.client(ClientSettings.builder().build())
                .getProperty("hazelcast.client.operation.fail.on.indeterminate.state"));
    }

    @Test
    void aCallInAnIndeterminateStateIsRetriedEvenWhenHazelcastSaidSoAfterTheRetryBudget() {
        AtomicInteger attempts = new AtomicInteger();
        long answer = GridCalls.call("writing a session", () -> {
            if (attempts.incrementAndGet() == 1) {
                answerLate();
                throw new IndeterminateOperationStateException("backup acks not received in time");
            }
            return 7L;
        });
        assertEquals(7L, answer);
        assertEquals(2, attempts.get());
    }

    @Test
    void theFreshBudgetIsGivenOnceThenTheCallFailsAsUnavailable() {
        AtomicInteger attempts = new AtomicInteger();
        GridUnavailableException e = assertThrows(GridUnavailableException.class,
                () -> GridCalls.call("writing a session", () -> {
                    attempts.incrementAndGet();
                    answerLate();
                    throw new IndeterminateOperationStateException("backup acks not received in time");
                }));
        assertEquals(2, attempts.get(), e.getMessage());
    }

    @Test
    void anAsynchronousCallInAnIndeterminateStateIsRetriedToo() throws Exception {
        ExecutorService callbacks = Executors.newSingleThreadExecutor();
        try {
            AtomicInteger attempts = new AtomicInteger();
            CompletableFuture<Long> answer = GridCalls.async("writing a session", callbacks, () ->
                    attempts.incrementAndGet() == 1
                            ? CompletableFuture.failedFuture(new IndeterminateOperationStateException("no backup ack"))
                            : CompletableFuture.completedFuture(9L));
            assertEquals(9L, answer.get());
            assertEquals(2, attempts.get());
        } finally {
            callbacks.shutdown();
        }
    }

    /** Hazelcast reports the state only once its backup timeout has passed. */
    private static void answerLate() {
        await().pollDelay(LATE).atMost(LATE.plusSeconds(5)).until(() -> true);
    }
}
