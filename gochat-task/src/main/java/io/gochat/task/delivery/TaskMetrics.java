package io.gochat.task.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * What task did with the messages it took, in the process's registry (served at {@code /metrics} on the
 * admin port): {@code gochat_task_messages_total{outcome=...}}, batches and their sizes, retries, the
 * queue's length, batches in flight, and the depth of each connect server's lane. Counters are bound once.
 */
public final class TaskMetrics {
    private final MeterRegistry registry;
    private final java.util.List<Meter> gauges = new java.util.concurrent.CopyOnWriteArrayList<>();
    public final Counter taken;
    public final Counter delivered;
    /** Recipient not connected anywhere, or its server left before delivery. */
    public final Counter undeliverable;
    /** A connect server kept failing after retries. */
    public final Counter failed;
    public final Counter malformed;
    public final Counter requeued;
    /** Batches taken from the queue, and their sizes. */
    public final DistributionSummary batches;
    /** Delivery batches sent again to a connect server after a failure. */
    public final Counter retries;

    /** Meters in a registry of their own (unit tests). */
    public TaskMetrics() {
        this(new SimpleMeterRegistry());
    }

    public TaskMetrics(MeterRegistry registry) {
        this.registry = registry;
        taken = outcome("taken");
        delivered = outcome("delivered");
        undeliverable = outcome("undeliverable");
        failed = outcome("failed");
        malformed = outcome("malformed");
        requeued = outcome("requeued");
        batches = DistributionSummary.builder("gochat.task.batch.size").baseUnit("messages")
                .description("messages per batch taken from the queue").publishPercentileHistogram()
                .minimumExpectedValue(1.0).maximumExpectedValue(1024.0).register(registry);
        retries = Counter.builder("gochat.task.retries").description("delivery batches retried").register(registry);
    }

    private Counter outcome(String outcome) {
        return Counter.builder("gochat.task.messages").tag("outcome", outcome)
                .description("messages task handled, by outcome").register(registry);
    }

    /** The Redis queue's length, read when scraped (the lag between logic and task). */
    public void queueLength(String queue, Supplier<Number> length) {
        gauges.add(Gauge.builder("gochat.task.queue.length", length).tag("queue", queue)
                .description("messages waiting in the queue").strongReference(true).register(registry));
    }

    /** Batches taken and not yet delivered everywhere. */
    public <T> void inflight(T source, ToDoubleFunction<T> batches) {
        gauges.add(Gauge.builder("gochat.task.inflight.batches", source, batches).description("batches in flight")
                .strongReference(true).register(registry));
    }

    /** A lane to a connect server: its depth (deliveries waiting) is a gauge until the server leaves. */
    public Meter laneOpened(String serverId, ServerLane lane) {
        return Gauge.builder("gochat.task.lane.depth", lane, ServerLane::depth).tag("server", serverId)
                .description("deliveries waiting for one connect server").strongReference(true).register(registry);
    }

    public void laneClosed(Meter gauge) {
        registry.remove(gauge);
    }

    /** The task stopped: its gauges go (a task started again in this process gets new ones). */
    public void close() {
        gauges.forEach(registry::remove);
        gauges.clear();
    }

    /** A counter's value as a whole number (tests). */
    public static long count(Counter counter) {
        return (long) counter.count();
    }
}
