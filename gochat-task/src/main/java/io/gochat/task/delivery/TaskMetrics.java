package io.gochat.task.delivery;

import java.util.concurrent.atomic.AtomicLong;

/** Counters of what task did with the messages it took; logged periodically, read by tests. */
public final class TaskMetrics {
    public final AtomicLong taken = new AtomicLong();
    public final AtomicLong delivered = new AtomicLong();
    /** Recipient not connected anywhere, or its server left before delivery. */
    public final AtomicLong undeliverable = new AtomicLong();
    /** A connect server kept failing after retries. */
    public final AtomicLong failed = new AtomicLong();
    public final AtomicLong malformed = new AtomicLong();
    public final AtomicLong requeued = new AtomicLong();

    @Override
    public String toString() {
        return "taken=" + taken + " delivered=" + delivered + " undeliverable=" + undeliverable
                + " failed=" + failed + " malformed=" + malformed + " requeued=" + requeued;
    }
}
