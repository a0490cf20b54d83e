package io.gochat.logic.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gochat.protocol.service.SessionInfo;
import io.gochat.testkit.Eventually;
import io.gochat.testkit.RedisExtension;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.UnifiedJedis;

class SessionStoreTest {
    @RegisterExtension
    static RedisExtension redis = new RedisExtension();
    static UnifiedJedis pool;

    @BeforeAll
    static void open() {
        pool = redis.client();
    }

    @AfterAll
    static void close() {
        pool.close();
    }

    @Test
    void aSessionIsStoredUnderGochatsKeyWithItsExpiry() {
        SessionStore store = new SessionStore(pool, Duration.ofHours(24));
        String token = store.open(7, "grace");
        try (Jedis jedis = redis.jedis()) {
            assertEquals("7", jedis.hget("sess_" + token, "userId"));
            assertEquals("grace", jedis.hget("sess_" + token, "userName"));
            long ttl = jedis.ttl("sess_" + token);
            assertTrue(ttl > 86_000 && ttl <= 86_400, "ttl " + ttl);
        }
        SessionInfo found = store.find(token);
        assertEquals(7, found.userId());
        assertEquals("grace", found.userName());
        assertTrue(Math.abs(found.expiresAt() - System.currentTimeMillis() - 86_400_000) < 5_000, "expiry recorded");
    }

    @Test
    void aSessionExpiresAfterSessionTtl() {
        SessionStore store = new SessionStore(pool, Duration.ofSeconds(1));
        String token = store.open(8, "heidi");
        assertNotNull(store.find(token));
        Eventually.await(Duration.ofSeconds(5), "session expired", () -> store.find(token) == null);
    }

    @Test
    void aDamagedSessionHashIsNotASession() {
        SessionStore store = new SessionStore(pool, Duration.ofHours(1));
        try (Jedis jedis = redis.jedis()) {
            jedis.hset("sess_broken", "userId", "abc");
            jedis.hset("sess_broken", "userName", "x");
        }
        assertEquals(null, store.find("broken"));
    }
}
