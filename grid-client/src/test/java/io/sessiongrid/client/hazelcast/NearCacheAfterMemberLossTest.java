package io.sessiongrid.client.hazelcast;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import io.sessiongrid.client.api.ReadMode;
import io.sessiongrid.client.api.Session;
import io.sessiongrid.client.api.SessionChanges;
import io.sessiongrid.client.api.SessionStore;
import io.sessiongrid.client.api.StoreSettings;
import io.sessiongrid.client.testing.LocalCluster;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Near-cache holders after the owner of their sessions dies: a VALIDATED reader never serves the stale copy
 * (every read asks the new owner for the version); a STICKY reader sees another instance's write and
 * invalidation within the documented bound, Hazelcast's near-cache reconciliation interval (60 s by default;
 * in practice within a second here, by the new owner's invalidation events).
 */
class NearCacheAfterMemberLossTest {
    private static final Duration STICKY_BOUND = Duration.ofSeconds(65);

    @Test
    void readersSeeWritesAndInvalidationsMadeAfterTheOwnerDied() {
        try (LocalCluster cluster = new LocalCluster(3);
             SessionGrid readerGrid = SessionGrid.client(cluster.clientSettings().build());
             SessionGrid writerGrid = SessionGrid.client(cluster.clientSettings().build())) {
            String map = "sessions-loss";
            SessionStore validated = readerGrid.openStore(StoreSettings.builder().mapName(map).build());
            SessionStore sticky = readerGrid.openStore(StoreSettings.builder().mapName(map)
                    .readMode(ReadMode.STICKY).build());
            SessionStore writer = writerGrid.openStore(StoreSettings.builder().mapName(map).build());
            List<Session> sessions = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                Session s = writer.create(SessionChanges.builder().set("v", "before").build());
                sessions.add(s);
                assertEquals("before", sticky.find(s.id()).orElseThrow().attribute("v"));
                assertEquals("before", validated.find(s.id()).orElseThrow().attribute("v"));
            }
            HazelcastInstance victim = cluster.members().get(0);
            Member victimMember = victim.getCluster().getLocalMember();
            List<Session> ownedByVictim = sessions.stream().filter(s -> victim.getPartitionService()
                    .getPartition(s.key().value()).getOwner().equals(victimMember)).toList();
            assertTrue(ownedByVictim.size() >= 3, "sessions owned by the member that dies: " + ownedByVictim.size());

            victim.getLifecycleService().terminate();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> readerGrid.hazelcast().getCluster().getMembers().size() == 2);
            Session changed = ownedByVictim.get(0);
            Session ended = ownedByVictim.get(1);
            writer.apply(changed.id(), SessionChanges.builder().set("v", "after").build());
            writer.invalidate(ended.id());

            assertEquals("after", validated.find(changed.id()).orElseThrow().attribute("v"),
                    "VALIDATED: the first read after the write");
            assertTrue(validated.find(ended.id()).isEmpty(), "VALIDATED: the first read after the invalidation");
            long started = System.nanoTime();
            await("STICKY sees the write").atMost(STICKY_BOUND)
                    .until(() -> "after".equals(sticky.find(changed.id()).orElseThrow().attribute("v")));
            await("STICKY sees the invalidation").atMost(STICKY_BOUND)
                    .until(() -> sticky.find(ended.id()).isEmpty());
            System.out.printf("near cache after member loss: STICKY caught up in %d ms; %d sessions had the dead"
                    + " owner, every one still readable%n", (System.nanoTime() - started) / 1_000_000,
                    ownedByVictim.size());
            for (Session s : ownedByVictim) {
                if (s != ended) {
                    assertTrue(validated.find(s.id()).isPresent(), "kept by the backup");
                }
            }
        }
    }
}
