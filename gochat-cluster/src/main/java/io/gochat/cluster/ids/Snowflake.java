package io.gochat.cluster.ids;

/**
 * Ids that grow with time and are unique across processes as long as each process has its own worker
 * id: 39 bits of milliseconds since 2026-01-01 (17 years), 6 bits of worker (64 logic servers), 8 bits
 * of sequence (256 per millisecond per worker; more borrow the next millisecond). 53 bits in all, so
 * an id survives a JavaScript client's JSON.parse exactly — browsers drop duplicates by id, and a
 * rounded 64-bit id would make different messages look alike. One instance per process (gochat made
 * one per message and could repeat ids, reference §9.19).
 */
public final class Snowflake implements MessageIds {
    public static final long EPOCH_MILLIS = 1_767_225_600_000L;   // 2026-01-01T00:00:00Z
    public static final int MAX_WORKERS = 64;
    private static final int SEQUENCE_BITS = 8;
    private static final int WORKER_BITS = 6;
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

    @Override
    public synchronized long next() {
        long now = System.currentTimeMillis();
        if (now < lastMillis) {
            now = lastMillis;   // the clock went back: keep counting from the last time instead of repeating ids
        }
        if (now == lastMillis) {
            sequence = (sequence + 1) & MAX_SEQUENCE;
            if (sequence == 0) {
                now = lastMillis + 1;   // 256 ids in this millisecond: borrow the next one
            }
        } else {
            sequence = 0;
        }
        lastMillis = now;
        return ((now - EPOCH_MILLIS) << (WORKER_BITS + SEQUENCE_BITS)) | (worker << SEQUENCE_BITS) | sequence;
    }

    /** When an id was made (epoch ms). */
    public static long millisOf(long id) {
        return (id >>> (WORKER_BITS + SEQUENCE_BITS)) + EPOCH_MILLIS;
    }
}
