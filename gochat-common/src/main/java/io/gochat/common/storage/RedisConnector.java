package io.gochat.common.storage;

import io.gochat.common.config.ConfigKeys;
import io.gochat.common.config.GochatConfig;
import io.gochat.common.lifecycle.StartupException;
import java.net.URI;
import java.time.Duration;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.JedisPoolConfig;

/** Opens the Redis pool named by {@code redis.url} and proves it answers, failing fast if not. */
public final class RedisConnector {
    private RedisConnector() {
    }

    /**
     * @param maxConnections pool size; every blocking consumer holds one connection for its whole wait
     */
    public static JedisPool open(GochatConfig config, int maxConnections) {
        String url = config.string(ConfigKeys.REDIS_URL);
        URI uri;
        try {
            uri = URI.create(url.contains("://") ? url : "redis://" + url);
        } catch (IllegalArgumentException e) {
            throw new StartupException("bad redis.url '" + url + "': " + e.getMessage());
        }
        JedisPoolConfig pool = new JedisPoolConfig();
        pool.setMaxTotal(maxConnections);
        pool.setMaxIdle(maxConnections);
        pool.setMaxWait(Duration.ofSeconds(5));
        int timeoutMs = (int) config.duration(ConfigKeys.RPC_TIMEOUT).toMillis();
        JedisPool jedisPool = new JedisPool(pool, uri, timeoutMs);
        try (Jedis jedis = jedisPool.getResource()) {
            jedis.ping();
        } catch (RuntimeException e) {
            jedisPool.close();
            throw new StartupException("Redis not reachable at " + url + ": " + e.getMessage());
        }
        return jedisPool;
    }
}
