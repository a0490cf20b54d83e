package io.gochat.redis.queue;

import io.gochat.core.json.Json;
import java.util.List;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.Pipeline;

/**
 * The one producer of the queue (logic): LPUSH at the head, task takes from the tail. Everything that
 * puts a message on the queue goes through here.
 */
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
                append(p, m);
            }
            p.sync();
        }
    }

    /** Adds {@code message} to a pipeline the caller syncs (with other writes of the same round trip). */
    public void append(Pipeline pipeline, QueuedMessage message) {
        pipeline.lpush(keys.queue(), Json.write(message));
    }

    public long length() {
        try (Jedis jedis = redis.getResource()) {
            return jedis.llen(keys.queue());
        }
    }
}
