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
 * admin port): {@code gochat_task_messages_total{outcome=...}}, batches and their sizes, retries, each
 * partition's length, lag and pending entries, the partitions this task consumes, batches in flight, and
 * the depth of each connect server's lane. Counters are bound once.
 */
public final class TaskMetrics {
    private final MeterRegistry registry;
    private final java.util.List<Meter> gauges = new java.util.concurrent.CopyOnWriteArrayList<>();
    public final Counter taken;
    public final Counter delivered;
    /** Deliveries (one message to one server) whose recipient is not connected anywhere, or provably gone. */
    public final Counter undeliverable;
    /** Messages whose delivery retries ran out: kept in the partition's dead-letter stream. */
    public final Counter kept;
    public final Counter malformed;
    /** Messages taken over from the pending entries of a task that died or handed its partition on. */
    public final Counter claimed;
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
        kept = outcome("kept");
        malformed = outcome("malformed");
        claimed = outcome("claimed");
        batches = DistributionSummary.builder("gochat.task.batch.size").baseUnit("messages")
                .description("messages per batch taken from the queue").publishPercentileHistogram()
                .minimumExpectedValue(1.0).maximumExpectedValue(1024.0).register(registry);
        retries = Counter.builder("gochat.task.retries").description("delivery batches retried").register(registry);
    }

    private Counter outcome(String outcome) {
        return Counter.builder("gochat.task.messages").tag("outcome", outcome)
                .description("messages task handled, by outcome").register(registry);
    }

    /**
     * One partition of the queue, read when scraped: its length (entries not yet trimmed), its lag (entries no
     * task has read yet: the lag between logic and task) and its pending entries (read, not yet acknowledged).
     */
    public void partition(int partition, Supplier<Number> length, Supplier<Number> lag, Supplier<Number> pending) {
        String p = String.valueOf(partition);
        gauges.add(Gauge.builder("gochat.task.queue.length", length).tag("partition", p)
                .description("entries in the partition's stream").strongReference(true).register(registry));
        gauges.add(Gauge.builder("gochat.task.queue.lag", lag).tag("partition", p)
                .description("entries of the partition no task has read yet").strongReference(true).register(registry));
        gauges.add(Gauge.builder("gochat.task.queue.pending", pending).tag("partition", p)
                .description("entries of the partition read and not yet acknowledged").strongReference(true)
                .register(registry));
    }

    /** How many partitions this task consumes now. */
    public void ownedPartitions(Supplier<Number> owned) {
        gauges.add(Gauge.builder("gochat.task.partitions.owned", owned).description("queue partitions this task consumes")
                .strongReference(true).register(registry));
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
