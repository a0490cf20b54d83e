package io.gochat.redis;

import io.gochat.core.config.GochatConfig;
import io.gochat.core.lifecycle.StartupException;
import io.gochat.core.lifecycle.StartupWait;
import java.net.URI;
import java.time.Duration;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.JedisPoolConfig;

/**
 * Opens the Redis pool named by {@code redis.url} and waits (until the start-up deadline) for it to
 * answer. The URL's password, if any, is never logged.
 */
public final class RedisConnector {
    private RedisConnector() {
    }

    /**
     * @param maxConnections pool size; every blocking consumer holds one connection for its whole wait
     */
    public static JedisPool open(GochatConfig config, int maxConnections, StartupWait startup) {
        String url = config.string(RedisConfigKeys.REDIS_URL);
        URI uri;
        try {
            uri = URI.create(url.contains("://") ? url : "redis://" + url);
        } catch (IllegalArgumentException e) {
            throw new StartupException("bad redis.url '" + redacted(url) + "': " + e.getMessage());
        }
        JedisPoolConfig pool = new JedisPoolConfig();
        pool.setMaxTotal(maxConnections);
        pool.setMaxIdle(maxConnections);
        pool.setMaxWait(Duration.ofSeconds(5));
        int timeoutMs = (int) config.duration(RedisConfigKeys.REDIS_TIMEOUT).toMillis();
        JedisPool jedisPool = new JedisPool(pool, uri, timeoutMs);
        try {
            startup.until("Redis", redacted(url), budget -> {
                try (Jedis jedis = jedisPool.getResource()) {
                    return jedis.ping();
                }
            });
        } catch (StartupException e) {
            jedisPool.close();
            throw e;
        }
        return jedisPool;
    }

    /** Tests and tools: waits at most {@code redis.timeout} for a first answer. */
    public static JedisPool open(GochatConfig config, int maxConnections) {
        return open(config, maxConnections, new StartupWait(config.duration(RedisConfigKeys.REDIS_TIMEOUT)));
    }

    /** {@code redis://user:secret@host} → {@code redis://user:***@host}. */
    public static String redacted(String url) {
        return url.replaceAll("(://[^:/@]*:)[^@/]*@", "$1***@").replaceAll("(://)([^:/@]+)@", "$1***@");
    }
}
