package io.sessiongrid.spring.webflux;

import reactor.blockhound.BlockHound;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * BlockHound, installed once per test JVM by the first reactive test class to use it, before that class starts a
 * Reactor or Netty thread: a thread already waiting inside an allowed method (a scheduler's idle wait) when BlockHound
 * arrives would be reported as blocking. Every blocking call on a Reactor Netty event loop or a Reactor non-blocking
 * thread is recorded here and fails where it happened.
 */
final class BlockingCalls {
    private static final List<String> RECORDED = new CopyOnWriteArrayList<>();

    static {
        // install(…) adds the integrations on the class path (Reactor's and Netty's threads are the non-blocking ones).
        // Netty's buffer allocator takes a short lock of its own when it grows its pools under concurrency, seen when
        // a response is written from a Reactor thread: a lock inside Netty, not a wait for I/O or for the grid.
        BlockHound.install(builder -> builder
                .allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$MagazineGroup", "tryExpandMagazines")
                .blockingMethodCallback(method -> {
                    StringBuilder where = new StringBuilder(method + " on " + Thread.currentThread().getName());
                    for (StackTraceElement e : new Throwable().getStackTrace()) {
                        where.append("\n  at ").append(e);
                    }
                    RECORDED.add(where.toString());
                    throw new Error("blocking call on a non-blocking thread: " + method);
                }));
    }

    private BlockingCalls() {
    }

    /** The blocking calls seen so far, as method, thread and stack; a test clears what it caused on purpose. */
    static List<String> recorded() {
        return RECORDED;
    }
}
