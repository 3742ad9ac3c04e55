package io.sessiongrid.client.hazelcast;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.sessiongrid.client.api.Session;
import io.sessiongrid.client.api.SessionChanges;
import io.sessiongrid.client.api.SessionId;
import io.sessiongrid.client.api.SessionInfo;
import io.sessiongrid.client.api.SessionStore;
import io.sessiongrid.client.api.StoreSettings;
import io.sessiongrid.client.core.SessionRecord;
import io.sessiongrid.client.testing.FreePorts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A split brain and its healing: one member and a two-member cluster with the same name run apart (as after a
 * network partition), each side serves and writes the same sessions, then the sides find each other. They merge
 * into one cluster of three, and each session holds the side's version that was written last (the session map's
 * LatestUpdateMergePolicy); sessions that lived on one side only are kept. Hazelcast records update times in
 * whole seconds, so the writes here fall in different seconds; for writes within one second the merging side's
 * version wins.
 */
class SplitBrainTest {
    private final List<HazelcastInstance> members = new ArrayList<>();

    @AfterEach
    void stop() {
        members.forEach(m -> m.getLifecycleService().terminate());
    }

    @Test
    void afterHealingEachSessionKeepsItsLatestWriteAndNothingIsLost() {
        String cluster = "split-" + UUID.randomUUID().toString().substring(0, 8);
        int[] ports = FreePorts.take(3);
        // The lone side knows every address and keeps looking for the others; the pair knows only itself, so
        // the two sides form apart, as they would behind a partition.
        HazelcastInstance lone = start(cluster, ports[0], ports[0], ports[1], ports[2]);
        HazelcastInstance pairA = start(cluster, ports[1], ports[1], ports[2]);
        HazelcastInstance pairB = start(cluster, ports[2], ports[1], ports[2]);
        await("two sides").atMost(Duration.ofSeconds(60)).until(() -> pairA.getCluster().getMembers().size() == 2
                && pairB.getCluster().getMembers().size() == 2);
        assertEquals(1, lone.getCluster().getMembers().size());

        String map = "sessions-split";
        SessionStore left = SessionGrid.wrap(lone).openStore(StoreSettings.builder().mapName(map).build());
        SessionStore right = SessionGrid.wrap(pairA).openStore(StoreSettings.builder().mapName(map).build());
        IMap<String, SessionRecord> leftMap = lone.getMap(map);
        IMap<String, SessionRecord> rightMap = pairA.getMap(map);

        Session laterOnRight = left.create(SessionChanges.builder().set("cart", "before").build());
        Session laterOnLeft = left.create(SessionChanges.builder().set("cart", "before").build());
        for (Session both : List.of(laterOnRight, laterOnLeft)) {
            SessionRecord copy = leftMap.get(both.key().value());
            rightMap.set(copy.key(), copy, 1, TimeUnit.HOURS);
        }
        Session onlyLeft = left.create(SessionChanges.builder().set("cart", "left only").principal("ann").build());
        Session onlyRight = right.create(SessionChanges.builder().set("cart", "right only").principal("ann").build());

        write(left, laterOnRight.id(), "left, earlier");
        write(right, laterOnRight.id(), "right, later");
        write(right, laterOnLeft.id(), "right, earlier");
        write(left, laterOnLeft.id(), "left, later");

        await("the sides find each other and merge").atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> members.stream().allMatch(m -> m.getCluster().getMembers().size() == 3));
        HazelcastInstance anyMember = members.get(members.size() - 1);
        SessionStore merged = SessionGrid.wrap(anyMember).openStore(StoreSettings.builder().mapName(map).build());
        await("merged entries in place").atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertEquals("right, later", merged.find(laterOnRight.id()).orElseThrow().attribute("cart"));
            assertEquals("left, later", merged.find(laterOnLeft.id()).orElseThrow().attribute("cart"));
            assertEquals("left only", merged.find(onlyLeft.id()).orElseThrow().attribute("cart"));
            assertEquals("right only", merged.find(onlyRight.id()).orElseThrow().attribute("cart"));
        });
        assertEquals(4, merged.count());
        assertEquals(Set.of(onlyLeft.key(), onlyRight.key()), merged.findByPrincipal("ann").stream()
                .map(SessionInfo::key).collect(Collectors.toSet()), "each side's login is found: the keys are unioned");
        SessionStore fromTheOldLoneSide = SessionGrid.wrap(lone).openStore(StoreSettings.builder().mapName(map)
                .build());
        assertEquals("right, later", fromTheOldLoneSide.find(laterOnRight.id()).orElseThrow().attribute("cart"));
    }

    private static void write(SessionStore store, SessionId id, String cart) {
        long second = System.currentTimeMillis() / 1000;
        store.apply(id, SessionChanges.builder().set("cart", cart).build());
        // Hazelcast keeps an entry's last update time in whole seconds: the next write goes in a later second.
        await().atMost(Duration.ofSeconds(3)).until(() -> System.currentTimeMillis() / 1000 > second);
    }

    private HazelcastInstance start(String cluster, int port, int... members) {
        MemberSettings.Builder b = MemberSettings.builder().clusterName(cluster).host("127.0.0.1").port(port)
                .hazelcastProperty("hazelcast.wait.seconds.before.join", "0")
                .hazelcastProperty("hazelcast.max.wait.seconds.before.join", "1")
                .hazelcastProperty("hazelcast.merge.first.run.delay.seconds", "5")
                .hazelcastProperty("hazelcast.merge.next.run.delay.seconds", "3");
        for (int m : members) {
            b.member("127.0.0.1:" + m);
        }
        HazelcastInstance member = Hazelcast.newHazelcastInstance(GridConfigs.member(b.build()));
        this.members.add(member);
        return member;
    }
}
