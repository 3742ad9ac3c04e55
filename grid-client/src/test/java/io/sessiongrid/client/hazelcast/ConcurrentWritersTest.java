package io.sessiongrid.client.hazelcast;

import io.sessiongrid.client.api.Session;
import io.sessiongrid.client.api.SessionChanges;
import io.sessiongrid.client.api.SessionId;
import io.sessiongrid.client.api.SessionStore;
import io.sessiongrid.client.api.StoreSettings;
import io.sessiongrid.client.testing.SharedGrid;
import io.sessiongrid.client.testing.SharedGridResolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Many writers on one session through three separate grid connections (two thin clients and an embedded
 * member), each with its own near cache and connections: nothing is lost.
 */
@ExtendWith(SharedGridResolver.class)
class ConcurrentWritersTest {
    private static final int THREADS_PER_SOURCE = 8;

    @Test
    void deltasOnDistinctAttributesFromThreeInstancesAreAllKept(SharedGrid grid) throws Exception {
        StoreSettings settings = StoreSettings.builder().mapName(grid.nextMapName()).build();
        List<SessionStore> sources = List.of(grid.clientA().openStore(settings), grid.clientB().openStore(settings),
                grid.embedded().openStore(settings));
        SessionId id = sources.get(0).create().id();
        int deltas = 1000;
        runOnEverySource(sources, (source, name) -> () -> {
            for (int i = 1; i <= deltas; i++) {
                source.apply(id, SessionChanges.builder().set(name, i).set(name + "/" + (i % 4), i).build());
            }
            return null;
        });
        Session session = sources.get(1).find(id).orElseThrow();
        assertEquals(sources.size() * THREADS_PER_SOURCE * 5, session.attributeNames().size());
        for (int s = 0; s < sources.size(); s++) {
            for (int t = 0; t < THREADS_PER_SOURCE; t++) {
                String name = "s" + s + "t" + t;
                assertEquals(deltas, session.attribute(name), name);
                for (int r = 0; r < 4; r++) {
                    assertEquals(deltas - 4 + (r == 0 ? 4 : r), session.attribute(name + "/" + r), name + "/" + r);
                }
            }
        }
    }

    @Test
    void incrementsOfOneAttributeUnderTheSessionLockAreExact(SharedGrid grid) throws Exception {
        StoreSettings settings = StoreSettings.builder().mapName(grid.nextMapName()).build();
        List<SessionStore> sources = List.of(grid.clientA().openStore(settings), grid.clientB().openStore(settings),
                grid.embedded().openStore(settings));
        SessionId id = sources.get(0).create(SessionChanges.builder().set("counter", 0).build()).id();
        int increments = 50;
        runOnEverySource(sources, (source, name) -> () -> {
            for (int i = 0; i < increments; i++) {
                source.withLock(id, Duration.ofSeconds(30), session -> source.apply(id, SessionChanges.builder()
                        .set("counter", (Integer) session.attribute("counter") + 1).build()));
            }
            return null;
        });
        assertEquals(sources.size() * THREADS_PER_SOURCE * increments,
                sources.get(2).find(id).orElseThrow().attribute("counter"));
    }

    private interface Work {
        Callable<Void> on(SessionStore source, String threadName);
    }

    private static void runOnEverySource(List<SessionStore> sources, Work work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(sources.size() * THREADS_PER_SOURCE);
        try {
            List<Future<Void>> done = new ArrayList<>();
            for (int s = 0; s < sources.size(); s++) {
                for (int t = 0; t < THREADS_PER_SOURCE; t++) {
                    done.add(pool.submit(work.on(sources.get(s), "s" + s + "t" + t)));
                }
            }
            for (Future<Void> f : done) {
                f.get(5, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
