package io.gochat.common.ids;

/**
 * 64-bit ids that grow with time and are unique across processes as long as each process has its own
 * worker id: 41 bits of milliseconds since 2026-01-01, 10 bits of worker, 12 bits of sequence.
 * One instance per process (gochat made one per message and could repeat ids, reference §9.19).
 */
public final class Snowflake {
    public static final long EPOCH_MILLIS = 1_767_225_600_000L;   // 2026-01-01T00:00:00Z
    public static final int MAX_WORKERS = 1024;
    private static final int SEQUENCE_BITS = 12;
    private static final long MAX_SEQUENCE = (1L << SEQUENCE_BITS) - 1;

    private final long worker;
    private long lastMillis = -1;
    private long sequence;

    public Snowflake(int workerId) {
        if (workerId < 0 || workerId >= MAX_WORKERS) {
            throw new IllegalArgumentException("worker id must be 0.." + (MAX_WORKERS - 1) + ": " + workerId);
        }
        this.worker = workerId;
    }

    public synchronized long next() {
        long now = System.currentTimeMillis();
        if (now < lastMillis) {
            now = lastMillis;   // the clock went back: keep counting from the last time instead of repeating ids
        }
        if (now == lastMillis) {
            sequence = (sequence + 1) & MAX_SEQUENCE;
            if (sequence == 0) {
                now = lastMillis + 1;   // 4096 ids in this millisecond: borrow the next one
            }
        } else {
            sequence = 0;
        }
        lastMillis = now;
        return ((now - EPOCH_MILLIS) << 22) | (worker << SEQUENCE_BITS) | sequence;
    }

    /** When an id was made (epoch ms). */
    public static long millisOf(long id) {
        return (id >>> 22) + EPOCH_MILLIS;
    }
}
