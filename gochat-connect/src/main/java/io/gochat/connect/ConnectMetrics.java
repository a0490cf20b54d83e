package io.gochat.connect;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The meters of one connect server, in the process's registry (served at {@code /metrics} on the admin
 * port); nothing is dropped or refused without being counted here. Every counter is bound once, here, with
 * its tags ({@code transport}, {@code server}): the hot path only calls {@code increment()}, with no lookup
 * and no allocation.
 */
public final class ConnectMetrics {
    private final AtomicInteger open = new AtomicInteger();
    private final MeterRegistry registry;
    private final Gauge connections;
    /** TCP connections accepted (before authentication). */
    public final Counter accepted;
    public final Counter authenticated;
    public final Counter authRefused;
    public final Counter authTimeouts;
    public final Counter idleTimeouts;
    public final Counter badFrames;
    /** Frames read from clients (heartbeats included). */
    public final Counter framesIn;
    /** Frames written to clients: messages, counts and member lists (frames out). */
    public final Counter delivered;
    public final Counter droppedSlowReader;
    public final Counter closedSlowReader;
    /** Delivery batches received from task. */
    public final Counter deliveries;
    public final Counter pushedToLogic;
    public final Counter logicFailures;
    /** Bodies this transport cannot carry (a TCP frame holds at most 32763 bytes of JSON). */
    public final Counter tooLarge;

    /** Meters in a registry of their own (unit tests). */
    public ConnectMetrics() {
        this(new SimpleMeterRegistry(), "test", "test");
    }

    public ConnectMetrics(MeterRegistry registry, String transport, String serverId) {
        this.registry = registry;
        Tags tags = Tags.of("transport", transport, "server", serverId);
        connections = Gauge.builder("gochat.connect.connections", open, AtomicInteger::get).tags(tags)
                .description("open client connections").strongReference(true).register(registry);
        accepted = counter(registry, "gochat.connect.accepted", tags, "client connections accepted");
        authenticated = registry.counter("gochat.connect.auths", tags.and("result", "ok"));
        authRefused = registry.counter("gochat.connect.auths", tags.and("result", "refused"));
        authTimeouts = registry.counter("gochat.connect.auths", tags.and("result", "timeout"));
        idleTimeouts = counter(registry, "gochat.connect.idle.closes", tags, "connections closed for silence");
        badFrames = counter(registry, "gochat.connect.bad.frames", tags, "malformed client frames");
        framesIn = registry.counter("gochat.connect.frames", tags.and("direction", "in"));
        delivered = registry.counter("gochat.connect.frames", tags.and("direction", "out"));
        droppedSlowReader = registry.counter("gochat.connect.slow.reader", tags.and("action", "drop"));
        closedSlowReader = registry.counter("gochat.connect.slow.reader", tags.and("action", "close"));
        deliveries = counter(registry, "gochat.connect.deliveries", tags, "delivery batches received from task");
        pushedToLogic = counter(registry, "gochat.connect.pushes", tags, "client messages forwarded to logic");
        logicFailures = counter(registry, "gochat.connect.logic.failures", tags, "calls to logic that failed");
        tooLarge = counter(registry, "gochat.connect.too.large", tags, "bodies too large for the transport");
    }

    private static Counter counter(MeterRegistry registry, String name, Tags tags, String description) {
        return Counter.builder(name).tags(tags).description(description).register(registry);
    }

    public void opened() {
        open.incrementAndGet();
    }

    public void closed() {
        open.decrementAndGet();
    }

    /** The server stopped: its gauge goes (a server started again under the same id gets a new one). */
    public void close() {
        registry.remove(connections);
    }

    /** Open connections now. */
    public int open() {
        return open.get();
    }

    /** A counter's value as a whole number (tests, log throttling). */
    public static long count(Counter counter) {
        return (long) counter.count();
    }
}
