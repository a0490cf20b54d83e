package io.gochat.logic.exec;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs blocking work (sqlite, Redis, password hashing) off the caller's thread — Dubbo IO threads and
 * Netty event loops must never wait on it. The queue is bounded: when it is full the call fails at
 * once with a clear message (and a warning in the log) instead of piling up or vanishing.
 */
public final class BlockingWork implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BlockingWork.class);

    private final ThreadPoolExecutor pool;
    private final java.util.concurrent.atomic.AtomicLong refused = new java.util.concurrent.atomic.AtomicLong();
    private final int queueCapacity;
    private final String overloaded;

    public BlockingWork(String name, int threads, int queueCapacity) {
        this(name, threads, queueCapacity, null);
    }

    /** @param overloaded what a refused caller is told when the queue is full (null: "logic server is overloaded ...") */
    public BlockingWork(String name, int threads, int queueCapacity, String overloaded) {
        this.queueCapacity = queueCapacity;
        this.overloaded = overloaded;
        AtomicInteger seq = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(queueCapacity), r -> {
                    Thread t = new Thread(r, name + "-" + seq.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.AbortPolicy());
    }

    /** Runs {@code work} on the pool; the future fails with {@link RejectedExecutionException} if the queue is full
     * (a JDK type, so it crosses Dubbo to callers that do not have our classes). */
    public <T> CompletableFuture<T> submit(String what, Supplier<T> work) {
        try {
            return CompletableFuture.supplyAsync(work, pool);
        } catch (RejectedExecutionException e) {
            String reason = pool.isShutdown() ? "logic server is shutting down" : overloaded != null ? overloaded
                    : "logic server is overloaded (" + queueCapacity + " requests queued), try again later";
            long n = refused.incrementAndGet();
            if (Long.bitCount(n) == 1 || n % 1000 == 0) {   // a flood must not flood the log too
                log.warn("refused {}: {} ({} refused so far)", what, reason, n);
            }
            return CompletableFuture.failedFuture(new RejectedExecutionException(reason));
        }
    }

    /** Requests queued and not yet started. */
    public int queued() {
        return pool.getQueue().size();
    }

    @Override
    public void close() {
        pool.shutdown();
        try {
            if (!pool.awaitTermination(5, TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
