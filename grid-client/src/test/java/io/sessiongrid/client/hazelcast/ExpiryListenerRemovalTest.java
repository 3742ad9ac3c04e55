package io.sessiongrid.client.hazelcast;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.jet.impl.util.Util;
import com.hazelcast.map.impl.MapService;
import com.hazelcast.spi.impl.NodeEngineImpl;
import com.hazelcast.spi.impl.operationservice.Operation;
import io.sessiongrid.client.api.SessionChanges;
import io.sessiongrid.client.api.SessionId;
import io.sessiongrid.client.api.SessionStore;
import io.sessiongrid.client.api.StoreSettings;
import io.sessiongrid.client.testing.LocalCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Closing a store while a member answers nothing: Hazelcast's removal of the expiry listener waits for every member
 * without a limit, and an application's shutdown must not wait with it. Real two-member grid; one member's generic
 * operation threads, which run listener removals, are held until the test releases them.
 */
class ExpiryListenerRemovalTest {
    private final LocalCluster cluster = new LocalCluster(2);
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stop() {
        release.countDown();
        cluster.close();
    }

    @Test
    void closeReturnsWithinItsBoundWhileAMemberIsStalled() {
        HazelcastInstance owner = cluster.members().get(0);
        SessionGrid grid = SessionGrid.wrap(owner);
        StoreSettings settings = StoreSettings.builder().mapName("sessions-removal").build();
        SessionStore store = grid.openStore(settings);
        store.addExpiryListener(session -> { });

        HazelcastInstance stalledMember = cluster.members().get(1);
        NodeEngineImpl member = Util.getNodeEngine(stalledMember);
        // The generic threads that run ordinary operations, not the one that runs urgent system operations.
        String prefix = "hz." + stalledMember.getName() + ".generic-operation.thread-";
        int threads = (int) Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith(prefix)).count();
        assertTrue(threads > 0, "no thread named " + prefix + "*");
        CountDownLatch held = new CountDownLatch(threads);
        for (int i = 0; i < threads; i++) {
            member.getOperationService().execute(new HoldUntilReleased(held, release).setNodeEngine(member)
                    .setServiceName(MapService.SERVICE_NAME));
        }
        await("every generic thread of the second member held").atMost(Duration.ofSeconds(10))
                .until(() -> held.getCount() == 0);

        assertTimeoutPreemptively(HazelcastSessionStore.LISTENER_REMOVAL_WAIT.plusSeconds(10), store::close,
                "close waits for the listener's removal at most its bound");
        release.countDown();

        try (SessionStore other = grid.openStore(settings)) {
            other.addExpiryListener(session -> { });
            SessionId id = other.create(SessionChanges.builder().set("n", 1).build()).id();
            assertEquals(1, other.find(id).orElseThrow().attribute("n"), "the grid serves on once the member answers");
        }
    }

    /** Occupies one generic operation thread of the member it runs on until the test releases it. */
    private static final class HoldUntilReleased extends Operation {
        private final CountDownLatch held;
        private final CountDownLatch release;

        HoldUntilReleased(CountDownLatch held, CountDownLatch release) {
            this.held = held;
            this.release = release;
        }

        @Override
        public void run() throws InterruptedException {
            held.countDown();
            release.await(60, TimeUnit.SECONDS);
        }

        @Override
        public boolean returnsResponse() {
            return false;
        }
    }
}
