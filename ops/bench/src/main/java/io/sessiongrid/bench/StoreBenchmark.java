package io.sessiongrid.bench;

import io.sessiongrid.client.api.ReadMode;
import io.sessiongrid.client.api.Session;
import io.sessiongrid.client.api.SessionChanges;
import io.sessiongrid.client.api.SessionId;
import io.sessiongrid.client.api.SessionStore;
import io.sessiongrid.client.api.StoreSettings;
import io.sessiongrid.client.hazelcast.SessionGrid;
import io.sessiongrid.client.local.InProcessSessionStore;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The store's operations, one thread, against {@code in-process} (the peer: no grid, no network) and a
 * three-member grid on 127.0.0.1 used as an {@code embedded} member or a {@code thin-client}, with sessions
 * holding a cart of the given size. Reads: {@code stickyRead} (near-cache hit), {@code validatedRead} (near cache
 * plus a version check on the owner), {@code ownerRead} (the owner's copy, no near cache).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "--add-modules", "java.se",
        "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED", "--add-opens", "java.base/java.lang=ALL-UNNAMED",
        "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens", "java.management/sun.management=ALL-UNNAMED",
        "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED"})
public class StoreBenchmark {
    @Param({"in-process", "embedded", "thin-client"})
    public String backend;

    @Param({"1024", "32768"})
    public int sessionBytes;

    private BenchGrid grid;
    private SessionStore validated;
    private SessionStore sticky;
    private SessionId session;
    private SessionChanges cartChange;
    private int counter;

    @Setup(Level.Trial)
    public void startGrid() {
        StoreSettings.Builder settings = StoreSettings.builder().mapName("sessions-bench");
        if (backend.equals("in-process")) {
            validated = new InProcessSessionStore(settings.build());
            sticky = validated;
        } else {
            grid = new BenchGrid();
            SessionGrid mode = backend.equals("embedded") ? grid.member() : grid.client();
            validated = mode.openStore(settings.build());
            sticky = mode.openStore(settings.readMode(ReadMode.STICKY).build());
        }
        cartChange = SessionChanges.builder().set("cart", EncryptionBenchmark.cart(sessionBytes)).build();
        session = validated.create(SessionChanges.builder().set("user", "ann").set("cart",
                EncryptionBenchmark.cart(sessionBytes)).set("counter", 0).build()).id();
        sticky.find(session);
    }

    @TearDown(Level.Trial)
    public void stopGrid() {
        if (grid != null) {
            grid.close();
        }
    }

    @Benchmark
    public Optional<Session> stickyRead() {
        return sticky.find(session);
    }

    @Benchmark
    public Optional<Session> validatedRead() {
        return validated.find(session);
    }

    @Benchmark
    public Object ownerRead() {
        return validated.describe(session.key());
    }

    @Benchmark
    public long attributeDelta() {
        return validated.apply(session, SessionChanges.builder().set("counter", ++counter).build());
    }

    @Benchmark
    public long cartDelta() {
        return validated.apply(session, cartChange);
    }

    @Benchmark
    public boolean touch() {
        return validated.touch(session);
    }

    @Benchmark
    public boolean createAndInvalidate() {
        Session created = validated.create(cartChange);
        return validated.invalidate(created.id());
    }

    @Benchmark
    public SessionId changeId() {
        session = validated.changeId(session);
        return session;
    }

    @Benchmark
    public Object lockAndUnlock() {
        return validated.withLock(session, Duration.ofSeconds(5), locked -> locked.version());
    }
}
