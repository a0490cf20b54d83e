package io.gochat.redis;

import static io.gochat.core.config.ConfigKey.Type.DURATION;
import static io.gochat.core.config.ConfigKey.Type.INT;
import static io.gochat.core.config.ConfigKey.Type.STRING;

import io.gochat.core.config.ConfigKey;
import io.gochat.core.config.ConfigKeySet;
import java.util.List;

/** Config keys of Redis and the message queue. Names are a contract: scripts start modules with them. */
public final class RedisConfigKeys implements ConfigKeySet {
    public static final ConfigKey REDIS_URL = new ConfigKey("redis.url", STRING,
            "redis://127.0.0.1:6379/0", "Redis for sessions, presence and the message queue");
    public static final ConfigKey REDIS_TIMEOUT = new ConfigKey("redis.timeout", DURATION, "3s",
            "timeout of one Redis command");
    public static final ConfigKey REDIS_REPLICAS = new ConfigKey("redis.replicas", INT, "0",
            "replicas that must hold a stored message's queue entry (WAIT) before logic counts it as queued; until"
                    + " then it stays in the outbox, so a fail-over loses none; 0 = do not wait (one server)");
    public static final ConfigKey QUEUE_NAME = new ConfigKey("queue.name", STRING, "gochat_queue",
            "name of the queue from logic to task: its partitions are the Redis streams {<name>:<n>}");
    public static final ConfigKey QUEUE_PARTITIONS = new ConfigKey("queue.partitions", INT, "8",
            "partitions (streams) of the queue; a conversation stays in one, tasks share them out");
    public static final ConfigKey QUEUE_MAX_LENGTH = new ConfigKey("queue.maxLength", INT, "100000",
            "messages one partition may hold before senders get code 1 (busy, retry)");
    public static final ConfigKey QUEUE_RETRY_WINDOW = new ConfigKey("queue.retryWindow", DURATION, "60s",
            "how long task retries a delivery to a connect server that fails or left (a paused one comes back)");
    public static final ConfigKey QUEUE_RETENTION = new ConfigKey("queue.retention", DURATION, "7d",
            "how long messages whose delivery retries ran out are kept in the dead-letter streams");

    @Override
    public int order() {
        return 30;
    }

    @Override
    public List<ConfigKey> keys() {
        return List.of(REDIS_URL, REDIS_TIMEOUT, REDIS_REPLICAS, QUEUE_NAME, QUEUE_PARTITIONS, QUEUE_MAX_LENGTH, QUEUE_RETRY_WINDOW,
                QUEUE_RETENTION);
    }
}
