package io.gochat.logic.presence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gochat.core.config.GochatConfig;
import io.gochat.logic.session.SessionStore;
import io.gochat.protocol.service.SessionInfo;
import io.gochat.redis.KeyLayout;
import io.gochat.redis.RedisConnector;
import io.gochat.redis.RoomRoutes;
import io.gochat.redis.UserRoutes;
import io.gochat.testkit.RedisClusterExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.UnifiedJedis;

/** Presence and sessions on {@code redis-cluster://}: their scripts' keys share a slot, so they run as on one server. */
class RedisClusterPresenceTest {
    @RegisterExtension
    static RedisClusterExtension cluster = new RedisClusterExtension();
    static UnifiedJedis redis;

    @BeforeAll
    static void open() {
        redis = RedisConnector.open(GochatConfig.defaults().with("redis.url", cluster.url()), 4);
    }

    @AfterAll
    static void close() {
        redis.close();
        KeyLayout.use(false);   // the next test classes of this JVM run on one server
    }

    @Test
    void joinsAndLeavesOnAClusterKeepRoomsRoutesAndCountsAsOnOneServer() {
        assertTrue(KeyLayout.clustered());
        assertEquals("{gochat_presence}gochat_route_5", UserRoutes.key(5));
        PresenceStore presence = new PresenceStore(redis);
        assertEquals(1, presence.connect("conn-1", "c1", 5, "ada", 9));
        assertEquals(1, presence.connect("conn-2", "c2", 5, "ada", 9), "a second tab: still one member");
        assertEquals(2, presence.connect("conn-1", "c3", 6, "bob", 9));
        assertEquals(Set.of("conn-1", "conn-2"), UserRoutes.servers(redis, 5));
        assertEquals(Set.of("conn-1", "conn-2"), redis.hkeys(RoomRoutes.key(9)));
        assertEquals("2", redis.get(PresenceKeys.roomCount(9)));

        List<PresenceStore.Change> batch = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            batch.add(PresenceStore.connectChange("conn-3", "b" + i, 100 + i, "u" + i, 10));
        }
        assertEquals(20, presence.applyAll(batch), "a pipelined batch of scripts");
        assertEquals("20", redis.get(PresenceKeys.roomCount(10)));

        new ServerRepair(redis, presence).repairAllExcept(id -> !id.equals("conn-3"));   // SCAN on the presence slot
        assertEquals("0", redis.get(PresenceKeys.roomCount(10)), "the dead server's connections are gone");
        assertEquals(2, presence.disconnect("conn-2", "c2", 5, 9), "ada keeps her first tab: ada and bob");
        assertEquals(1, presence.disconnect("conn-1", "c1", 5, 9), "bob alone");
        assertEquals(0, redis.hlen(UserRoutes.key(5)));
    }

    @Test
    void sessionsOpenRefreshAndEndOnACluster() {
        SessionStore sessions = new SessionStore(redis, Duration.ofHours(1));
        String token = sessions.open(7, "grace");
        SessionStore.Pair pair = sessions.openPair(7, "grace");
        assertEquals(7, sessions.find(token).userId());
        assertNotNull(sessions.find(pair.access()));
        SessionInfo refreshed = sessions.takeRefresh(pair.refresh());
        assertEquals("grace", refreshed.userName());
        assertNull(sessions.takeRefresh(pair.refresh()), "a refresh token is used once");
        assertEquals(2, sessions.revokeAll(7));
        assertNull(sessions.find(token));
        assertNull(sessions.find(pair.access()));
    }
}
