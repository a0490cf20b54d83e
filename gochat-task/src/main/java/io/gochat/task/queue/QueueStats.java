package io.gochat.task.queue;

import io.gochat.redis.queue.QueueKeys;
import redis.clients.jedis.UnifiedJedis;

/**
 * Length, lag and pending entries of every partition for the metrics, read in one round trip at most
 * once a second however many gauges are scraped.
 */
public final class QueueStats {
    private final UnifiedJedis redis;
    private final PartitionStreams streams;
    private final int partitions;
    private long[][] last;
    private long readAt;

    public QueueStats(UnifiedJedis redis, QueueKeys keys) {
        this.redis = redis;
        this.streams = new PartitionStreams(keys, "stats", 0);
        this.partitions = keys.partitions();
    }

    /** {@code [partition] -> {length, lag, pending}}; zeros when Redis does not answer. */
    public synchronized long[][] get() {
        long now = System.nanoTime();
        if (last == null || now - readAt > 1_000_000_000L) {
            try {
                last = streams.stats(redis);
            } catch (RuntimeException e) {
                last = new long[partitions][3];
            }
            readAt = now;
        }
        return last;
    }
}
