package io.gochat.task.queue;

import io.gochat.core.json.Json;
import io.gochat.redis.KeyLayout;
import io.gochat.redis.queue.MessageQueue;
import io.gochat.redis.queue.QueueKeys;
import io.gochat.redis.queue.QueuedMessage;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Upgrading from the list queue: what an older version left in the Redis list {@code <queue.name>} and in its
 * in-flight lists {@code <queue.name>:inflight:*} moves to the partition streams, oldest first, one entry at
 * a time (each atomically: a script pops it and adds it), so nothing queued before the upgrade is lost.
 */
public final class LegacyListDrain {
    private static final Logger log = LoggerFactory.getLogger(LegacyListDrain.class);
    private static final String MOVE_ONE = "local v = redis.call('RPOP', KEYS[1]) "
            + "if not v then return 0 end "
            + "redis.call('XADD', KEYS[2], '*', ARGV[1], v) return 1";

    private LegacyListDrain() {
    }

    public static long drain(UnifiedJedis jedis, QueueKeys keys) {
        if (KeyLayout.clustered()) {
            return 0;   // the list queue ran on one server only: a Redis Cluster never held one
        }
        long moved = 0;
        String cursor = ScanParams.SCAN_POINTER_START;
        ScanParams params = new ScanParams().match(keys.queue() + ":inflight:*").count(200);
        do {
            ScanResult<String> page = jedis.scan(cursor, params);
            for (String key : page.getResult()) {
                moved += drainList(jedis, keys, key);
            }
            cursor = page.getCursor();
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        moved += drainList(jedis, keys, keys.queue());
        if (moved > 0) {
            log.info("moved {} messages from the old list queue {} to the partition streams", moved, keys.queue());
        }
        return moved;
    }

    private static long drainList(UnifiedJedis jedis, QueueKeys keys, String list) {
        if (!"list".equals(jedis.type(list))) {
            return 0;
        }
        long moved = 0;
        while (true) {
            List<String> tail = jedis.lrange(list, -1, -1);
            if (tail.isEmpty()) {
                return moved;
            }
            String stream;
            try {
                stream = keys.stream(keys.partitionOf(Json.read(tail.get(0), QueuedMessage.class).defaultConversation()));
            } catch (RuntimeException malformed) {
                stream = keys.stream(0);   // task counts and skips it there
            }
            Object r = jedis.eval(MOVE_ONE, List.of(list, stream), List.of(MessageQueue.FIELD));
            if (!Long.valueOf(1).equals(r)) {
                return moved;
            }
            moved++;
        }
    }

}
