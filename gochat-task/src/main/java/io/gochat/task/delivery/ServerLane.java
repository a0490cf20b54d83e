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
 * Deliveries to one connect server, in order: one batch call in flight at a time, so a conversation's
 * messages arrive in the order they were queued, and a slow server only slows its own lane. A failed call
 * is retried with backoff for the retry window, whether the server is still registered or not (a paused
 * server loses its etcd lease and comes back); deliveries queued behind wait in order. When a delivery's
 * window ends it is {@link Outcome#GONE} if its recipient is provably gone, else {@link Outcome#EXHAUSTED}.
 */
final class ServerLane {
    private static final Logger log = LoggerFactory.getLogger(ServerLane.class);
    private static final long[] BACKOFF_MS = {100, 400, 1000, 2000};

    private record Pending(Delivery delivery, CompletableFuture<Outcome> done, CompletableFuture<Void> settled,
                           long deadline) {
        void settle() {
            settled.complete(null);
        }

        void finish(Outcome outcome) {
            done.complete(outcome);
            settled.complete(null);
        }
    }

    private final String serverId;
    private final Supplier<Optional<ConnectService>> proxy;
    private final ScheduledExecutorService retries;
    private final int maxBatch;
    private final long windowNanos;
    private final GoneCheck goneCheck;
    private final TaskMetrics metrics;
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private boolean sending;
    /** The last call failed: new deliveries settle at once (they wait for the server, not the consumer). */
    private boolean failing;

    ServerLane(String serverId, Supplier<Optional<ConnectService>> proxy, ScheduledExecutorService retries,
               int maxBatch, long windowMillis, GoneCheck goneCheck, TaskMetrics metrics) {
        this.serverId = serverId;
        this.proxy = proxy;
        this.retries = retries;
        this.maxBatch = maxBatch;
        this.windowNanos = TimeUnit.MILLISECONDS.toNanos(windowMillis);
        this.goneCheck = goneCheck;
        this.metrics = metrics;
    }

    Part submit(Delivery delivery) {
        Pending p = new Pending(delivery, new CompletableFuture<>(), new CompletableFuture<>(),
                System.nanoTime() + windowNanos);
        synchronized (this) {
            queue.add(p);
            if (failing) {
                p.settle();
            }
            if (sending) {
                return new Part(p.done, p.settled);
            }
            sending = true;
        }
        sendNext();
        return new Part(p.done, p.settled);
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

    private void send(List<Pending> all, int attempt) {
        List<Pending> batch = expire(all);
        if (batch.isEmpty()) {
            sendNext();
            return;
        }
        // No proxy: the server is not registered (yet, or any more); retried like a failed call.
        Optional<ConnectService> target = proxy.get();
        CompletableFuture<Integer> call;
        try {
            call = target.isPresent()
                    ? target.get().deliver(batch.stream().map(Pending::delivery).toList())
                    : CompletableFuture.failedFuture(new IllegalStateException(serverId + " is not registered"));
        } catch (RuntimeException e) {
            call = CompletableFuture.failedFuture(e);
        }
        // The next batch is prepared on the lanes' thread, never on whichever thread completed this call: for a
        // connect server in this process that is one of its event loops, which must not encode a 10,000-member batch.
        call.whenCompleteAsync((written, error) -> {
            if (error == null) {
                boolean recovered;
                synchronized (this) {
                    recovered = failing;
                    failing = false;
                }
                if (recovered) {
                    log.info("connect {} takes deliveries again (after {} tries)", serverId, attempt + 1);
                }
                metrics.delivered.increment(batch.size());
                batch.forEach(p -> p.finish(Outcome.DELIVERED));
                sendNext();
                return;
            }
            if (attempt == 0) {
                log.info("connect {} failed a batch of {} ({}); retrying for up to {} s", serverId, batch.size(),
                        firstLine(error), TimeUnit.NANOSECONDS.toSeconds(windowNanos));
            }
            markFailing(batch);
            metrics.retries.increment();
            long delay = BACKOFF_MS[Math.min(attempt, BACKOFF_MS.length - 1)];
            try {
                retries.schedule(() -> send(batch, attempt + 1), delay, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException stopped) {
                // task is stopping: the entries stay unacknowledged and are delivered again by the next owner
            }
        }, retries);
    }

    private void markFailing(List<Pending> batch) {
        List<Pending> waiting;
        synchronized (this) {
            failing = true;
            waiting = new ArrayList<>(queue);
        }
        batch.forEach(Pending::settle);
        waiting.forEach(Pending::settle);
    }

    /** Resolves the deliveries whose window is over; returns the others. */
    private List<Pending> expire(List<Pending> batch) {
        long now = System.nanoTime();
        List<Pending> left = new ArrayList<>(batch.size());
        int gone = 0;
        int exhausted = 0;
        for (Pending p : batch) {
            if (now - p.deadline < 0) {
                left.add(p);
                continue;
            }
            boolean isGone;
            try {
                isGone = goneCheck.gone(serverId, p.delivery);
            } catch (RuntimeException e) {
                isGone = false;   // cannot prove it: keep the message
            }
            if (isGone) {
                gone++;
                p.finish(Outcome.GONE);
            } else {
                exhausted++;
                p.finish(Outcome.EXHAUSTED);
            }
        }
        if (gone > 0) {
            metrics.undeliverable.increment(gone);
            log.info("connect {} is gone with its recipients: {} deliveries dropped after the retry window", serverId, gone);
        }
        if (exhausted > 0) {
            log.warn("connect {} did not take {} deliveries within the retry window; they are kept", serverId, exhausted);
        }
        return left;
    }

    /** Deliveries waiting to be sent (read when metrics are scraped). */
    synchronized int depth() {
        return queue.size();
    }

    synchronized boolean idle() {
        return !sending && queue.isEmpty();
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
