package io.gochat.redis;

import io.gochat.core.config.GochatConfig;
import io.gochat.core.lifecycle.StartupException;
import io.gochat.core.lifecycle.StartupWait;
import java.time.Duration;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.RedisSentinelClient;
import redis.clients.jedis.UnifiedJedis;

/**
 * Opens the Redis named by {@code redis.url} and waits (until the start-up deadline) for it to answer. Three
 * forms ({@link RedisUrl}): {@code redis://} one server (gochat's), {@code redis-sentinel://} the primary a
 * set of Sentinels names (followed through fail-overs), {@code redis-cluster://} a Redis Cluster (commands
 * go to the node owning their keys' slot; {@link KeyLayout} hash-tags the keys used together). Every user
 * of Redis holds the one {@link UnifiedJedis} this returns; the URL's password is never logged.
 */
public final class RedisConnector {
    private RedisConnector() {
    }

    /**
     * @param maxConnections connections per node; every blocking consumer holds one for its whole wait
     */
    public static UnifiedJedis open(GochatConfig config, int maxConnections, StartupWait startup) {
        String url = config.string(RedisConfigKeys.REDIS_URL);
        RedisUrl parsed;
        try {
            parsed = RedisUrl.parse(url);
        } catch (IllegalArgumentException e) {
            throw new StartupException("bad redis.url '" + redacted(url) + "': " + e.getMessage());
        }
        int timeoutMs = (int) config.duration(RedisConfigKeys.REDIS_TIMEOUT).toMillis();
        UnifiedJedis redis = startup.until("Redis", redacted(url), budget -> connect(parsed, maxConnections, timeoutMs));
        try {
            startup.until("Redis", redacted(url), budget -> redis.ping());
        } catch (StartupException e) {
            redis.close();
            throw e;
        }
        return redis;
    }

    /** Tests and tools: waits at most {@code redis.timeout} for a first answer. */
    public static UnifiedJedis open(GochatConfig config, int maxConnections) {
        return open(config, maxConnections, new StartupWait(config.duration(RedisConfigKeys.REDIS_TIMEOUT)));
    }

    /** Connects (a Sentinel or Cluster client asks its seeds for the topology now, so it may throw). */
    static UnifiedJedis connect(RedisUrl url, int maxConnections, int timeoutMs) {
        DefaultJedisClientConfig.Builder client = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(timeoutMs).socketTimeoutMillis(timeoutMs)
                .user(url.user()).password(url.password()).ssl(url.ssl());
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(maxConnections);
        pool.setMaxIdle(maxConnections);
        pool.setMaxWait(Duration.ofSeconds(5));
        switch (url.kind()) {
            case CLUSTER -> {
                KeyLayout.use(true);
                return RedisClusterClient.builder().nodes(new java.util.LinkedHashSet<>(url.nodes())).clientConfig(client.build())
                        .poolConfig(pool).maxAttempts(5).maxTotalRetriesDuration(Duration.ofMillis(4L * timeoutMs))
                        .build();
            }
            case SENTINEL -> {
                KeyLayout.use(false);
                DefaultJedisClientConfig sentinels = DefaultJedisClientConfig.builder()
                        .connectionTimeoutMillis(timeoutMs).socketTimeoutMillis(timeoutMs).build();
                return RedisSentinelClient.builder().masterName(url.masterName())
                        .sentinels(new java.util.HashSet<>(url.nodes())).sentinelClientConfig(sentinels)
                        .clientConfig(client.database(url.database()).build()).poolConfig(pool).build();
            }
            default -> {
                KeyLayout.use(false);
                return RedisClient.builder().hostAndPort(url.nodes().get(0))
                        .clientConfig(client.database(url.database()).build()).poolConfig(pool).build();
            }
        }
    }

    /** {@code redis://user:secret@host} → {@code redis://user:***@host}. */
    public static String redacted(String url) {
        return url.replaceAll("(://[^:/@]*:)[^@/]*@", "$1***@").replaceAll("(://)([^:/@]+)@", "$1***@");
    }
}
