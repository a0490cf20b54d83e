package io.gochat.common.queue;

import io.gochat.common.json.Json;
import java.util.List;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.Pipeline;

/** The producer side of the queue (logic): LPUSH at the head, task takes from the tail. */
public final class MessageQueue {
    private final JedisPool redis;
    private final QueueKeys keys;

    public MessageQueue(JedisPool redis, QueueKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    public void push(QueuedMessage message) {
        try (Jedis jedis = redis.getResource()) {
            jedis.lpush(keys.queue(), Json.write(message));
        }
    }

    /** One round trip for many messages. */
    public void pushAll(List<QueuedMessage> messages) {
        try (Jedis jedis = redis.getResource()) {
            Pipeline p = jedis.pipelined();
            for (QueuedMessage m : messages) {
                p.lpush(keys.queue(), Json.write(m));
            }
            p.sync();
        }
    }

    public long length() {
        try (Jedis jedis = redis.getResource()) {
            return jedis.llen(keys.queue());
        }
    }
}
