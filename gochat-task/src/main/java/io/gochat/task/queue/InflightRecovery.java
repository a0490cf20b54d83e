package io.gochat.task.queue;

import io.gochat.redis.queue.QueueKeys;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Puts back the in-flight batches of tasks that are gone, at the tail of the queue where they are
 * taken next, in their original order. Their messages may have been delivered already: clients drop
 * duplicates by message id.
 */
public final class InflightRecovery {
    private static final Logger log = LoggerFactory.getLogger(InflightRecovery.class);
    // The in-flight list holds the first-taken message at its tail; moving from its head to the queue's
    // tail one by one leaves the first-taken message at the queue's tail again.
    private static final String REQUEUE = "local n = 0 "
            + "while redis.call('LMOVE', KEYS[1], KEYS[2], 'LEFT', 'RIGHT') do n = n + 1 end "
            + "return n";

    private final QueueKeys keys;

    public InflightRecovery(QueueKeys keys) {
        this.keys = keys;
    }

    /** Requeues every in-flight batch whose task is not in {@code liveTaskIds}; returns the messages moved. */
    public long requeueOrphans(Jedis jedis, Set<String> liveTaskIds) {
        long moved = 0;
        String cursor = ScanParams.SCAN_POINTER_START;
        ScanParams params = new ScanParams().match(keys.inflightPrefix() + "*").count(200);
        do {
            ScanResult<String> page = jedis.scan(cursor, params);
            for (String key : page.getResult()) {
                String owner = taskIdOf(key);
                if (!liveTaskIds.contains(owner)) {
                    long n = (Long) jedis.eval(REQUEUE, List.of(key, keys.queue()), List.of());
                    if (n > 0) {
                        log.info("requeued {} messages left in flight by task {}", n, owner);
                    }
                    moved += n;
                }
            }
            cursor = page.getCursor();
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        return moved;
    }

    private String taskIdOf(String key) {
        String rest = key.substring(keys.inflightPrefix().length());
        int colon = rest.lastIndexOf(':');
        return colon < 0 ? rest : rest.substring(0, colon);
    }
}
