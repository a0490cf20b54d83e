package io.gochat.task.delivery;

import io.gochat.protocol.service.ConnectService;
import io.gochat.protocol.service.Delivery;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deliveries to one connect server, in order: one batch call in flight at a time, so a user's
 * messages arrive in the order they were queued, and a slow server only slows its own lane.
 * A failed call is retried with backoff while the server is still registered.
 */
final class ServerLane {
    private static final Logger log = LoggerFactory.getLogger(ServerLane.class);
    private static final long[] BACKOFF_MS = {100, 400, 1000, 2000};

    private record Pending(Delivery delivery, CompletableFuture<Boolean> done) {
    }

    private final String serverId;
    private final Supplier<Optional<ConnectService>> proxy;
    private final ScheduledExecutorService retries;
    private final int maxBatch;
    private final TaskMetrics metrics;
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private boolean sending;
    private boolean closed;

    ServerLane(String serverId, Supplier<Optional<ConnectService>> proxy, ScheduledExecutorService retries,
               int maxBatch, TaskMetrics metrics) {
        this.serverId = serverId;
        this.proxy = proxy;
        this.retries = retries;
        this.maxBatch = maxBatch;
        this.metrics = metrics;
    }

    /** Completes with true once the server took it, false if it could not be delivered. */
    CompletableFuture<Boolean> submit(Delivery delivery) {
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        synchronized (this) {
            if (closed) {
                metrics.undeliverable.increment();
                return CompletableFuture.completedFuture(false);
            }
            queue.add(new Pending(delivery, done));
            if (sending) {
                return done;
            }
            sending = true;
        }
        sendNext();
        return done;
    }

    private void sendNext() {
        List<Pending> batch = new ArrayList<>();
        synchronized (this) {
            while (batch.size() < maxBatch && !queue.isEmpty()) {
                batch.add(queue.poll());
            }
            if (batch.isEmpty()) {
                sending = false;
                return;
            }
        }
        send(batch, 0);
    }

    private void send(List<Pending> batch, int attempt) {
        if (isClosed()) {
            giveUp(batch, false);
            return;
        }
        // No proxy yet: the server is registered but its reference is still being made; retry.
        Optional<ConnectService> target = proxy.get();
        CompletableFuture<Integer> call;
        try {
            call = target.isPresent()
                    ? target.get().deliver(batch.stream().map(Pending::delivery).toList())
                    : CompletableFuture.failedFuture(new IllegalStateException("no reference to " + serverId + " yet"));
        } catch (RuntimeException e) {
            call = CompletableFuture.failedFuture(e);
        }
        // The next batch is prepared on the lanes' thread, never on whichever thread completed this call: for a
        // connect server in this process that is one of its event loops, which must not encode a 10,000-member batch.
        call.whenCompleteAsync((written, error) -> {
            if (error == null) {
                metrics.delivered.increment(batch.size());
                batch.forEach(p -> p.done.complete(true));
                sendNext();
            } else if (attempt < BACKOFF_MS.length && !isClosed()) {
                log.info("connect {} failed a batch of {} ({}); retry {}", serverId, batch.size(),
                        firstLine(error), attempt + 1);
                metrics.retries.increment();
                retries.schedule(() -> send(batch, attempt + 1), BACKOFF_MS[attempt], TimeUnit.MILLISECONDS);
            } else {
                log.warn("connect {} did not take {} deliveries after {} tries: {}", serverId, batch.size(),
                        attempt + 1, firstLine(error));
                giveUp(batch, true);
            }
        }, retries);
    }

    private void giveUp(List<Pending> batch, boolean failed) {
        (failed ? metrics.failed : metrics.undeliverable).increment(batch.size());
        batch.forEach(p -> p.done.complete(false));
        sendNext();
    }

    /** Deliveries waiting to be sent (read when metrics are scraped). */
    synchronized int depth() {
        return queue.size();
    }

    private synchronized boolean isClosed() {
        return closed;
    }

    /** The server left: what is queued cannot be delivered there. */
    void close() {
        List<Pending> dropped;
        synchronized (this) {
            closed = true;
            dropped = new ArrayList<>(queue);
            queue.clear();
        }
        if (!dropped.isEmpty()) {
            log.info("connect {} left with {} deliveries queued; they cannot be delivered", serverId, dropped.size());
            metrics.undeliverable.increment(dropped.size());
        }
        dropped.forEach(p -> p.done.complete(false));
    }

    private static String firstLine(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root != root.getCause()) {
            root = root.getCause();
        }
        String m = String.valueOf(root.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
