package io.gochat.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.HostAndPort;

class RedisUrlTest {
    @Test
    void aPlainUrlNamesOneServerItsDatabaseAndPassword() {
        RedisUrl u = RedisUrl.parse("redis://:s%40cret@10.0.0.5:6380/2");
        assertEquals(RedisUrl.Kind.SINGLE, u.kind());
        assertEquals(List.of(new HostAndPort("10.0.0.5", 6380)), u.nodes());
        assertEquals(2, u.database());
        assertNull(u.user());
        assertEquals("s@cret", u.password());
        assertFalse(u.ssl());
        assertEquals(6379, RedisUrl.parse("127.0.0.1").nodes().get(0).getPort(), "gochat's bare host");
        assertTrue(RedisUrl.parse("rediss://h:1/0").ssl());
    }

    @Test
    void aSentinelUrlNamesTheSentinelsThePrimaryAndTheDatabase() {
        RedisUrl u = RedisUrl.parse("redis-sentinel://app:pw@s1:26379,s2,s3:26380/mymaster?db=3");
        assertEquals(RedisUrl.Kind.SENTINEL, u.kind());
        assertEquals(List.of(new HostAndPort("s1", 26379), new HostAndPort("s2", 26379), new HostAndPort("s3", 26380)),
                u.nodes());
        assertEquals("mymaster", u.masterName());
        assertEquals(3, u.database());
        assertEquals("app", u.user());
        assertEquals("pw", u.password());
        assertThrows(IllegalArgumentException.class, () -> RedisUrl.parse("redis-sentinel://s1:26379"),
                "the primary's name is required");
    }

    @Test
    void aClusterUrlNamesSeedNodesAndHasOnlyDatabaseZero() {
        RedisUrl u = RedisUrl.parse("redis-cluster://n1:7000,n2:7001");
        assertEquals(RedisUrl.Kind.CLUSTER, u.kind());
        assertEquals(List.of(new HostAndPort("n1", 7000), new HostAndPort("n2", 7001)), u.nodes());
        assertThrows(IllegalArgumentException.class, () -> RedisUrl.parse("redis-cluster://n1:7000/1"));
        assertThrows(IllegalArgumentException.class, () -> RedisUrl.parse("memcached://n1"));
    }

    @Test
    void thePasswordIsNeverShown() {
        assertEquals("redis-sentinel://app:***@s1,s2/m", RedisConnector.redacted("redis-sentinel://app:pw@s1,s2/m"));
    }
}
