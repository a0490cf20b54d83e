package io.gochat.task.queue;

import io.gochat.redis.queue.QueueKeys;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.args.ListDirection;

/**
 * Moves up to N messages from the queue's tail into a per-batch in-flight list, atomically, so a
 * message is never only in memory: if this task dies, the in-flight list is put back. One round trip
 * per batch, not per message.
 */
public final class BatchTaker {
    private static final String MOVE_MANY = "local out = {} "
            + "for i = 1, tonumber(ARGV[1]) do "
            + "  local v = redis.call('LMOVE', KEYS[1], KEYS[2], 'RIGHT', 'LEFT') "
            + "  if not v then break end "
            + "  out[#out + 1] = v "
            + "end "
            + "return out";

    private final QueueKeys keys;
    private final int batchSize;
    private final double waitSeconds;

    public BatchTaker(QueueKeys keys, int batchSize, double waitSeconds) {
        this.keys = keys;
        this.batchSize = batchSize;
        this.waitSeconds = waitSeconds;
    }

    /** Takes a batch into {@code inflightKey}, waiting up to the wait time for the first message. */
    @SuppressWarnings("unchecked")
    public List<String> take(Jedis jedis, String inflightKey) {
        List<String> batch = (List<String>) jedis.eval(MOVE_MANY, List.of(keys.queue(), inflightKey),
                List.of(String.valueOf(batchSize)));
        if (!batch.isEmpty()) {
            return batch;
        }
        String first = jedis.blmove(keys.queue(), inflightKey, ListDirection.RIGHT, ListDirection.LEFT, waitSeconds);
        if (first == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>(batchSize);
        out.add(first);
        out.addAll((List<String>) jedis.eval(MOVE_MANY, List.of(keys.queue(), inflightKey),
                List.of(String.valueOf(batchSize - 1))));
        return out;
    }

    /** The batch was delivered: it leaves Redis. */
    public void ack(Jedis jedis, String inflightKey) {
        jedis.del(inflightKey);
    }
}
