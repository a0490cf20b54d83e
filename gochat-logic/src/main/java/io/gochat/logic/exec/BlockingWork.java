package io.gochat.logic.exec;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ExecutorServiceMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
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
    private final MeterRegistry metrics;
    private final Map<String, Route> routes = new ConcurrentHashMap<>();
    private final String overloaded;
    private volatile long waitBudgetNanos;               // 0 = no budget
    private final java.util.concurrent.atomic.AtomicLong typicalNanos = new java.util.concurrent.atomic.AtomicLong();
    private final AtomicInteger unfinished = new AtomicInteger();   // accepted and not yet done (queued or running)

    /**
     * One kind of request, its meters bound once: {@code gochat_logic_requests_seconds{route,outcome}} (a
     * latency histogram; outcome ok or error) and {@code gochat_logic_requests_refused_total{route}}.
     */
    public record Route(String name, Timer ok, Timer error, Counter refused) {
    }

    public BlockingWork(String name, int threads, int queueCapacity) {
        this(name, threads, queueCapacity, new SimpleMeterRegistry());
    }

    /** @param metrics the process's registry: request meters, and the pool's (executor_* by name) */
    public BlockingWork(String name, int threads, int queueCapacity, MeterRegistry metrics) {
        this(name, threads, queueCapacity, metrics, null);
    }

    /** @param overloaded what a refused caller is told when the queue is full (null: "logic server is overloaded ...") */
    public BlockingWork(String name, int threads, int queueCapacity, MeterRegistry metrics, String overloaded) {
        this.queueCapacity = queueCapacity;
        this.metrics = metrics;
        this.overloaded = overloaded;
        AtomicInteger seq = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(queueCapacity), r -> {
                    Thread t = new Thread(r, name + "-" + seq.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.AbortPolicy());
        new ExecutorServiceMetrics(pool, name, Tags.empty()).bindTo(metrics);
    }

    /**
     * Refuses work that could not finish within {@code budget} of being submitted: at once when the work already
     * queued would take longer than that (from a moving average of how long one piece takes), and when a piece
     * waited so long that it would end past the budget. Slow work (password hashing) is then answered "busy"
     * while its caller still waits, instead of timing out there and being done anyway for nobody.
     */
    public BlockingWork limitWaitTo(java.time.Duration budget) {
        this.waitBudgetNanos = budget.toNanos();
        return this;
    }

    /** The meters of one route; callers on a hot path keep the result instead of passing a name each time. */
    public Route route(String name) {
        return routes.computeIfAbsent(name, n -> new Route(n,
                timer(n, "ok"), timer(n, "error"),
                Counter.builder("gochat.logic.requests.refused").tag("route", n)
                        .description("requests refused because the work queue was full").register(metrics)));
    }

    private Timer timer(String route, String outcome) {
        return Timer.builder("gochat.logic.requests").tag("route", route).tag("outcome", outcome)
                .description("logic requests by route and outcome").publishPercentileHistogram()
                .maximumExpectedValue(java.time.Duration.ofSeconds(10)).register(metrics);
    }

    /** Runs {@code work} on the pool; the future fails with {@link RejectedExecutionException} if the queue is full
     * (a JDK type, so it crosses Dubbo to callers that do not have our classes). */
    public <T> CompletableFuture<T> submit(String what, Supplier<T> work) {
        return submit(route(what), work);
    }

    /** As above, timed under {@code route}; fails as {@link CompletableFuture#supplyAsync} does. */
    public <T> CompletableFuture<T> submit(Route route, Supplier<T> work) {
        long start = System.nanoTime();
        CompletableFuture<T> result = new CompletableFuture<>();
        long budget = waitBudgetNanos;
        // with nothing in flight a call is always taken: the estimate is only renewed by work that runs, so after
        // one piece slower than the budget (a loaded machine) refusing everything would refuse it forever
        int inFlight = unfinished.get();
        if (budget > 0 && inFlight > 0 && (long) (inFlight + 1) * typicalNanos.get() / pool.getMaximumPoolSize() > budget) {
            return CompletableFuture.failedFuture(refusal(route));
        }
        unfinished.incrementAndGet();
        try {
            pool.execute(() -> {
                long began = System.nanoTime();
                long waited = began - start;   // alone in the pool, only a wait past the budget refuses (as above)
                if (budget > 0 && (waited > budget || unfinished.get() > 1 && waited + typicalNanos.get() > budget)) {
                    unfinished.decrementAndGet();
                    result.completeExceptionally(refusal(route));
                    return;
                }
                try {
                    T value = work.get();
                    long took = System.nanoTime() - began;
                    typicalNanos.getAndUpdate(avg -> avg == 0 ? took : avg + (took - avg) / 8);
                    unfinished.decrementAndGet();
                    route.ok().record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                    result.complete(value);
                } catch (Throwable e) {
                    unfinished.decrementAndGet();
                    route.error().record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                    result.completeExceptionally(e instanceof CompletionException ? e : new CompletionException(e));
                }
            });
            return result;
        } catch (RejectedExecutionException e) {
            unfinished.decrementAndGet();
            return CompletableFuture.failedFuture(refusal(route));
        }
    }

    private RejectedExecutionException refusal(Route route) {
        route.refused().increment();
        String reason = pool.isShutdown() ? "logic server is shutting down" : overloaded != null ? overloaded
                : "logic server is overloaded (" + queueCapacity + " requests queued), try again later";
        long n = refused.incrementAndGet();
        if (Long.bitCount(n) == 1 || n % 1000 == 0) {   // a flood must not flood the log too
            log.warn("refused {}: {} ({} refused so far)", route.name(), reason, n);
        }
        return new RejectedExecutionException(reason);
    }

    /** Times a push answered elsewhere (the message pipeline): ok when the reply says so. */
    public static CompletableFuture<io.gochat.protocol.service.PushReply> timed(Route route, long start,
            CompletableFuture<io.gochat.protocol.service.PushReply> reply) {
        return reply.whenComplete((r, e) -> (e == null && r != null && r.ok() ? route.ok() : route.error())
                .record(System.nanoTime() - start, TimeUnit.NANOSECONDS));
    }

    @Override
    public String toString() {
        return "BlockingWork[" + pool + ", typical " + typicalNanos.get() / 1_000_000 + " ms, budget "
                + waitBudgetNanos / 1_000_000 + " ms]";
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
