package io.gochat.bench.scenario;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Drives a {@link MessageSender}: either at a fixed rate (open loop, at most {@code maxInFlight}
 * outstanding; if the server cannot keep up the achieved rate drops and shows it), or with a fixed
 * number of requests always outstanding (closed loop).
 */
public final class LoadDriver {
    private final AtomicLong seq;

    public LoadDriver(AtomicLong seq) {
        this.seq = seq;
    }

    public DriveStats paced(double perSecond, long durationMillis, int maxInFlight, MessageSender sender)
            throws InterruptedException {
        return paced(perSecond, durationMillis, maxInFlight, sender, () -> { });
    }

    /** {@code atWindowEnd} runs when the sending window closes, before the outstanding replies are awaited. */
    public DriveStats paced(double perSecond, long durationMillis, int maxInFlight, MessageSender sender,
                            Runnable atWindowEnd) throws InterruptedException {
        DriveStats stats = new DriveStats();
        Semaphore slots = new Semaphore(maxInFlight);
        long start = System.nanoTime();
        long end = start + TimeUnit.MILLISECONDS.toNanos(durationMillis);
        double intervalNanos = 1e9 / perSecond;
        for (long i = 0; ; i++) {
            long due = start + (long) (i * intervalNanos);
            if (due >= end) {
                break;
            }
            long wait = due - System.nanoTime();
            if (wait > 50_000) {
                LockSupport.parkNanos(wait);
            }
            if (!slots.tryAcquire(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                break;
            }
            sendOne(sender, stats, slots::release);
        }
        stats.elapsedNanos = System.nanoTime() - start;
        atWindowEnd.run();
        slots.acquire(maxInFlight);   // every reply is in before the caller counts deliveries
        return stats;
    }

    public DriveStats closed(int concurrency, long durationMillis, MessageSender sender) throws InterruptedException {
        DriveStats stats = new DriveStats();
        Semaphore slots = new Semaphore(concurrency);
        long start = System.nanoTime();
        long end = start + TimeUnit.MILLISECONDS.toNanos(durationMillis);
        while (System.nanoTime() < end) {
            if (slots.tryAcquire(10, TimeUnit.MILLISECONDS)) {
                sendOne(sender, stats, slots::release);
            }
        }
        stats.elapsedNanos = System.nanoTime() - start;
        slots.acquire(concurrency);
        return stats;
    }

    private void sendOne(MessageSender sender, DriveStats stats, Runnable done) {
        stats.attempted.increment();
        long t0 = System.nanoTime();
        CompletableFuture<Boolean> f;
        try {
            f = sender.send(seq.incrementAndGet());
        } catch (RuntimeException e) {
            stats.errors.increment();
            done.run();
            return;
        }
        f.whenComplete((ok, error) -> {
            stats.replyMicros.recordValue(Math.max(0, (System.nanoTime() - t0) / 1000));
            if (error != null) {
                stats.errors.increment();
            } else if (ok) {
                stats.accepted.increment();
            } else {
                stats.refused.increment();
            }
            done.run();
        });
    }
}
