package io.sessiongrid.client.hazelcast;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.core.IExecutorService;
import io.sessiongrid.client.api.GridUnavailableException;
import io.sessiongrid.client.testing.LocalCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The administration calls against a real two-member grid, one of whose members cannot answer for a while. */
class GridAdminTest {
    /** Hazelcast's default pool size of an executor service, which the admin calls share on each member. */
    private static final int ADMIN_THREADS = 16;
    private static final String RELEASE = "GridAdminTest.release";

    private final LocalCluster cluster = new LocalCluster(2);

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void aMemberThatDoesNotAnswerIsNamedAndTheReportsComeOnceItDoes() throws Exception {
        HazelcastInstance silent = cluster.members().get(1);
        CountDownLatch release = new CountDownLatch(1);
        silent.getUserContext().put(RELEASE, release);
        IExecutorService executor = silent.getExecutorService("sessiongrid-admin");
        List<Future<Boolean>> busy = new ArrayList<>();
        for (int i = 0; i < ADMIN_THREADS; i++) {
            busy.add(executor.submitToMember(new WaitForRelease(), silent.getCluster().getLocalMember()));
        }
        GridAdmin admin = new GridAdmin(cluster.members().get(0), Duration.ofSeconds(1));
        try {
            GridUnavailableException late = assertThrows(GridUnavailableException.class,
                    () -> admin.reports("sessions"));
            assertTrue(late.getMessage().contains("the report of member 127.0.0.1:" + cluster.port(1)
                    + " did not come within 1 s"), late.getMessage());
            assertTrue(late.getMessage().contains("thread dump"), late.getMessage());
        } finally {
            release.countDown();
        }
        for (Future<Boolean> task : busy) {
            assertTrue(task.get(30, TimeUnit.SECONDS));
        }
        List<MemberReport> reports = await().atMost(Duration.ofSeconds(30)).until(() -> reportsOrNull(admin),
                r -> r != null);
        assertEquals(2, reports.size());
    }

    private static List<MemberReport> reportsOrNull(GridAdmin admin) {
        try {
            return admin.reports("sessions");
        } catch (GridUnavailableException stillBusy) {
            return null;
        }
    }

    /** Holds one of the member's admin threads until the test releases it. */
    static final class WaitForRelease implements Callable<Boolean>, Serializable, HazelcastInstanceAware {
        private static final long serialVersionUID = 1L;
        private transient HazelcastInstance member;

        @Override
        public void setHazelcastInstance(HazelcastInstance member) {
            this.member = member;
        }

        @Override
        public Boolean call() throws InterruptedException {
            return ((CountDownLatch) member.getUserContext().get(RELEASE)).await(30, TimeUnit.SECONDS);
        }
    }
}
