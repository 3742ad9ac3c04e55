package io.sessiongrid.client.hazelcast;

import com.hazelcast.internal.util.ConcurrencyUtil;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionHandler;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The threads the grid client runs work on besides Hazelcast's. Hazelcast completes the future of every
 * asynchronous call on one executor per JVM (a thin client's {@code submitToKey} and {@code getAsync} answers all
 * pass through it): ForkJoinPool's common pool, or, when that pool's parallelism is 1 (the JVM's choice on two cores
 * or fewer), a new thread for every answer. {@link #replaceHazelcastThreadPerCallback} puts two daemon threads in the
 * place of the latter, once per JVM: that executor is Hazelcast's own static setting, the one piece of process-wide
 * state the grid client sets. Thread safe.
 */
final class GridThreads {
    private static final AtomicBoolean REPLACED = new AtomicBoolean();

    private GridThreads() {
    }

    /** Daemon threads that end when idle; {@code afterClose} says what becomes of work handed over after shutdown. */
    static ThreadPoolExecutor daemon(String name, int count, RejectedExecutionHandler afterClose) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(count, count, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), work -> {
                    Thread thread = new Thread(work, name);
                    thread.setDaemon(true);
                    return thread;
                }, afterClose);
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /** Only where Hazelcast would start a thread per answer; a larger common pool is left as Hazelcast's choice. */
    static void replaceHazelcastThreadPerCallback() {
        if (ForkJoinPool.getCommonPoolParallelism() > 1 || !REPLACED.compareAndSet(false, true)) {
            return;
        }
        ConcurrencyUtil.setDefaultAsyncExecutor(daemon("hazelcast-callback", 2, new ThreadPoolExecutor.AbortPolicy()));
    }
}
