package io.gochat.task.queue;

import io.gochat.redis.queue.QueueKeys;
import java.util.List;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.SetParams;

/**
 * Only one task consumes the queue at a time, so messages to one user keep their order; the others
 * stand by and take over within the lease time when the owner dies. The lease is a Redis key with an
 * expiry that the owner renews.
 */
public final class QueueLease {
    private static final String RENEW = "if redis.call('GET', KEYS[1]) == ARGV[1] then "
            + "return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end";
    private static final String RELEASE = "if redis.call('GET', KEYS[1]) == ARGV[1] then "
            + "return redis.call('DEL', KEYS[1]) else return 0 end";

    private final QueueKeys keys;
    private final String taskId;
    private final long ttlMillis;

    public QueueLease(QueueKeys keys, String taskId, long ttlMillis) {
        this.keys = keys;
        this.taskId = taskId;
        this.ttlMillis = ttlMillis;
    }

    /** Takes the lease if free, or renews it if already ours; true when we own the queue. */
    public boolean acquireOrRenew(Jedis jedis) {
        Object renewed = jedis.eval(RENEW, List.of(keys.owner()), List.of(taskId, String.valueOf(ttlMillis)));
        if (Long.valueOf(1).equals(renewed)) {
            return true;
        }
        return "OK".equals(jedis.set(keys.owner(), taskId, SetParams.setParams().nx().px(ttlMillis)));
    }

    public void release(Jedis jedis) {
        jedis.eval(RELEASE, List.of(keys.owner()), List.of(taskId));
    }

    public String owner(Jedis jedis) {
        return jedis.get(keys.owner());
    }

    public long ttlMillis() {
        return ttlMillis;
    }
}
