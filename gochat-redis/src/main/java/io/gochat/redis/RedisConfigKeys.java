package io.gochat.redis;

import static io.gochat.core.config.ConfigKey.Type.DURATION;
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
    public static final ConfigKey QUEUE_NAME = new ConfigKey("queue.name", STRING, "gochat_queue",
            "Redis list that carries messages from logic to task");

    @Override
    public int order() {
        return 30;
    }

    @Override
    public List<ConfigKey> keys() {
        return List.of(REDIS_URL, REDIS_TIMEOUT, QUEUE_NAME);
    }
}
