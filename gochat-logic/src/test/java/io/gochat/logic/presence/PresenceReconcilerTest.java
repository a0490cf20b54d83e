package io.gochat.logic.presence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gochat.logic.exec.BlockingWork;
import io.gochat.protocol.service.LiveConnection;
import io.gochat.protocol.service.PresenceSnapshot;
import io.gochat.protocol.service.ReconcileReply;
import io.gochat.redis.RoomRoutes;
import io.gochat.redis.UserRoutes;
import io.gochat.testkit.RedisExtension;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.UnifiedJedis;

/** Issue #17: presence a connect server reports is made exact in Redis (a real redis-server). */
class PresenceReconcilerTest {
    @RegisterExtension
    static RedisExtension redis = new RedisExtension();

    static UnifiedJedis pool;
    static BlockingWork work;
    final Queue<Long> roomsChanged = new ConcurrentLinkedQueue<>();
    PresenceStore presence;
    PresenceReconciler reconciler;

    @BeforeAll
    static void open() {
        pool = redis.client();
        work = new BlockingWork("test-work", 2, 100);
    }

    @AfterAll
    static void close() {
        work.close();
        pool.close();
    }

    @BeforeEach
    void fresh() {
        redis.flushAll();
        presence = new PresenceStore(pool, roomsChanged::add);
        reconciler = new PresenceReconciler(pool, presence, work);
    }

    static Map<String, String> room(long roomId) {
        try (Jedis j = redis.jedis()) {
            return j.hgetAll(PresenceKeys.room(roomId));
        }
    }

    static String count(long roomId) {
        try (Jedis j = redis.jedis()) {
            return j.get(PresenceKeys.roomCount(roomId));
        }
    }

    static boolean online(long userId) {
        try (Jedis j = redis.jedis()) {
            return j.hlen(UserRoutes.key(userId)) > 0;
        }
    }

    ReconcileReply reconcile(String server, List<LiveConnection> live, List<String> pending, long maxId) {
        return reconciler.reconcile(new PresenceSnapshot(server, live, pending, maxId)).join();
    }

    @Test
    void afterRedisLostItsDataTheLiveConnectionsAreRecordedAgainWithTheirRoomsAndRoutes() {
        presence.connect("ws-a", "1", 10, "ann", 7);
        presence.connect("ws-a", "2", 11, "bob", 7);
        presence.connect("ws-a", "3", 11, "bob", 8);
        redis.flushAll();
        assertEquals(0L, reconciler.recorded("ws-a").join());
        roomsChanged.clear();

        ReconcileReply reply = reconcile("ws-a", List.of(new LiveConnection("1", 10, "ann", 7),
                new LiveConnection("2", 11, "bob", 7), new LiveConnection("3", 11, "bob", 8)), List.of(), 3);

        assertEquals(new ReconcileReply(3, 0), reply);
        assertEquals(Map.of("10", "ann", "11", "bob"), room(7));
        assertEquals("2", count(7));
        assertEquals(Map.of("11", "bob"), room(8));
        assertTrue(online(10) && online(11));
        try (Jedis j = redis.jedis()) {
            assertEquals(Map.of("ws-a", "2"), j.hgetAll(RoomRoutes.key(7)));
            assertEquals(Map.of("ws-a", "2"), j.hgetAll(UserRoutes.key(11)));
        }
        assertEquals(3L, reconciler.recorded("ws-a").join());
        assertTrue(roomsChanged.containsAll(List.of(7L, 8L)), "the rooms hear who is back");

        assertEquals(new ReconcileReply(0, 0), reconcile("ws-a", List.of(new LiveConnection("1", 10, "ann", 7),
                new LiveConnection("2", 11, "bob", 7), new LiveConnection("3", 11, "bob", 8)), List.of(), 3),
                "a second reconcile changes nothing");
        assertEquals("2", count(7));
    }

    @Test
    void recordedConnectionsThatAreGoneAreRemovedButAuthenticatingAndNewerOnesStay() {
        presence.connect("ws-b", "5", 20, "cat", 9);     // live
        presence.connect("ws-b", "6", 21, "dan", 9);     // a connect that timed out: recorded, never live
        presence.connect("ws-b", "7", 22, "eve", 9);     // still authenticating when the snapshot was taken
        presence.connect("ws-b", "9", 23, "fay", 9);     // began after the snapshot
        presence.connect("ws-c", "6", 24, "gus", 9);     // another server's: not this reconcile's business
        roomsChanged.clear();

        ReconcileReply reply = reconcile("ws-b", List.of(new LiveConnection("5", 20, "cat", 9)), List.of("7"), 8);

        assertEquals(new ReconcileReply(0, 1), reply);
        assertEquals(Map.of("20", "cat", "22", "eve", "23", "fay", "24", "gus"), room(9));
        assertEquals("4", count(9));
        assertTrue(!online(21), "dan is not routed to any more");
        assertEquals(List.of(9L), List.copyOf(roomsChanged), "dan's leave is announced to the room");
    }

    @Test
    void aServerRestartedUnderTheSameIdClearsWhatItsPreviousRunLeftBehind() {
        presence.connect("tcp-x", "1764000000000001", 30, "hal", 4);
        presence.connect("tcp-x", "1764000000000002", 31, "ivy", 4);
        roomsChanged.clear();

        ReconcileReply reply = reconcile("tcp-x", List.of(), List.of(), 1765000000000000L);

        assertEquals(new ReconcileReply(0, 2), reply);
        assertTrue(room(4).isEmpty());
        assertEquals("0", count(4));
        assertTrue(roomsChanged.contains(4L), "their leaves are announced to the room");
        assertEquals(0L, reconciler.recorded("tcp-x").join());
    }
}
