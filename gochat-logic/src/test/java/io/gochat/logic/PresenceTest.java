package io.gochat.logic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gochat.core.config.GochatConfig;
import io.gochat.cluster.discovery.ClusterNode;
import io.gochat.cluster.discovery.Roles;
import io.gochat.cluster.discovery.ServerInfo;
import io.gochat.cluster.discovery.ServiceRegistration;
import io.gochat.cluster.rpc.RpcClientPool;
import io.gochat.protocol.service.ConnectRequest;
import io.gochat.protocol.service.DisconnectRequest;
import io.gochat.protocol.service.LogicService;
import io.gochat.protocol.service.SessionInfo;
import io.gochat.testkit.EtcdExtension;
import io.gochat.testkit.Eventually;
import io.gochat.testkit.RedisExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/** connect/disconnect keep rooms, counts and routes exact with several connections per user, and repair. */
class PresenceTest {
    @RegisterExtension
    static EtcdExtension etcd = new EtcdExtension();
    @RegisterExtension
    static RedisExtension redis = new RedisExtension();
    @TempDir
    static Path dir;

    static GochatConfig config;
    static LogicServer logic;
    static ClusterNode client;
    static RpcClientPool<LogicService> pool;

    @BeforeAll
    static void start() {
        config = TestLogic.config(etcd.endpoints(), redis.url(), dir);
        logic = TestLogic.start(config);
        client = ClusterNode.join(config, "test", "");
        pool = client.pool(Roles.LOGIC, LogicService.class);
        Eventually.await(Duration.ofSeconds(10), "logic found in etcd", () -> pool.targets().size() == 1);
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (logic != null) {
            logic.close();
        }
    }

    static <T> T call(Function<LogicService, CompletableFuture<T>> f) {
        return pool.callAnyBlocking(f);
    }

    static String token(String name) {
        return call(s -> s.register(name, "pw")).token();
    }

    static Map<String, String> room(long roomId) {
        try (Jedis j = redis.jedis()) {
            return j.hgetAll("gochat_room_" + roomId);
        }
    }

    static long count(long roomId) {
        try (Jedis j = redis.jedis()) {
            String c = j.get("gochat_room_online_count_" + roomId);
            long hlen = j.hlen("gochat_room_" + roomId);
            assertEquals(hlen, c == null ? 0 : Long.parseLong(c), "count equals HLEN of the room hash");
            return hlen;
        }
    }

    static Map<String, String> route(long userId) {
        try (Jedis j = redis.jedis()) {
            return j.hgetAll("gochat_route_" + userId);
        }
    }

    /** serverId → connections in the room there: where task sends the room's messages. */
    static Map<String, String> roomServers(long roomId) {
        try (Jedis j = redis.jedis()) {
            return j.hgetAll("gochat_room_servers_" + roomId);
        }
    }

    @Test
    void closingOneOfTwoConnectionsKeepsTheUserInTheRoomAndClosingBothRemovesThem() {
        String alice = token("p-alice");
        String bob = token("p-bob");
        SessionInfo a = call(s -> s.connect(new ConnectRequest(alice, 1, "ws-1", "c1")));
        call(s -> s.connect(new ConnectRequest(alice, 1, "ws-2", "c2")));
        SessionInfo b = call(s -> s.connect(new ConnectRequest(bob, 1, "ws-1", "c3")));
        assertEquals("p-alice", a.userName());
        assertEquals(Map.of(a.userId() + "", "p-alice", b.userId() + "", "p-bob"), room(1));
        assertEquals(2, count(1));
        assertEquals(Map.of("ws-1", "1", "ws-2", "1"), route(a.userId()));
        assertEquals(Map.of("ws-1", "2", "ws-2", "1"), roomServers(1));

        call(s -> s.disconnect(new DisconnectRequest(a.userId(), 1, "ws-1", "c1")));
        assertTrue(room(1).containsKey(a.userId() + ""), "alice still has a connection on ws-2");
        assertEquals(2, count(1));
        assertEquals(Map.of("ws-2", "1"), route(a.userId()));
        assertEquals(Map.of("ws-1", "1", "ws-2", "1"), roomServers(1));

        call(s -> s.disconnect(new DisconnectRequest(a.userId(), 1, "ws-1", "c1")));   // a retry changes nothing
        assertEquals(2, count(1));

        call(s -> s.disconnect(new DisconnectRequest(a.userId(), 1, "ws-2", "c2")));
        assertEquals(Map.of(b.userId() + "", "p-bob"), room(1));
        assertEquals(1, count(1));
        assertTrue(route(a.userId()).isEmpty());
        assertEquals(Map.of("ws-1", "1"), roomServers(1), "ws-2 holds nobody of room 1 any more");
    }

    @Test
    void aRepeatedConnectOfTheSameConnectionCountsOnce() {
        String carol = token("p-carol");
        SessionInfo c = call(s -> s.connect(new ConnectRequest(carol, 2, "ws-1", "c9")));
        call(s -> s.connect(new ConnectRequest(carol, 2, "ws-1", "c9")));
        assertEquals(Map.of("ws-1", "1"), route(c.userId()));
        call(s -> s.disconnect(new DisconnectRequest(c.userId(), 2, "ws-1", "c9")));
        assertEquals(0, count(2));
        assertTrue(route(c.userId()).isEmpty());
    }

    @Test
    void anInvalidTokenConnectsNobodyAndAnUnknownDisconnectIsANoOp() {
        assertNull(call(s -> s.connect(new ConnectRequest("bad-token", 3, "ws-1", "x1"))));
        assertNull(call(s -> s.connect(new ConnectRequest(null, 3, "ws-1", "x2"))));
        assertTrue(room(3).isEmpty());
        call(s -> s.disconnect(new DisconnectRequest(424242, 3, "ws-1", "never-connected")));
        assertEquals(0, count(3));
    }

    @Test
    void whenAConnectServerLeavesItsConnectionsAreRemovedFromRoomsAndRoutes() {
        String dan = token("p-dan");
        String eve = token("p-eve");
        ServerInfo dying = new ServerInfo("ws-dying", Roles.CONNECT, "127.0.0.1", 1, "ws", Map.of());
        ServiceRegistration registration = ServiceRegistration.register(client.etcd(), dying, Duration.ofSeconds(2));
        SessionInfo d = call(s -> s.connect(new ConnectRequest(dan, 4, "ws-dying", "d1")));
        call(s -> s.connect(new ConnectRequest(dan, 4, "ws-dying", "d|2")));   // ids may contain the separator
        call(s -> s.connect(new ConnectRequest(dan, 4, "ws-alive", "d3")));
        SessionInfo e = call(s -> s.connect(new ConnectRequest(eve, 4, "ws-dying", "e1")));
        call(s -> s.connect(new ConnectRequest(eve, 5, "ws-dying", "e2")));
        assertEquals(2, count(4));

        registration.close();

        Eventually.await(Duration.ofSeconds(10), "eve removed from room 4", () -> !room(4).containsKey(e.userId() + ""));
        Eventually.await(Duration.ofSeconds(10), "repair finished", () -> {
            try (Jedis j = redis.jedis()) {
                return !j.exists("gochat_server_conns_ws-dying");
            }
        });
        assertEquals(Map.of(d.userId() + "", "p-dan"), room(4), "dan keeps his connection on ws-alive");
        assertEquals(1, count(4));
        assertEquals(0, count(5));
        assertEquals(Map.of("ws-alive", "1"), route(d.userId()));
        assertTrue(route(e.userId()).isEmpty());
        assertEquals(Map.of("ws-alive", "1"), roomServers(4), "the dead server gets no more room messages");
        assertTrue(roomServers(5).isEmpty());
    }

    @Test
    void aLogicServerStartingAfterAConnectServerDiedRepairsItToo() throws Exception {
        String fay = token("p-fay");
        SessionInfo f = call(s -> s.connect(new ConnectRequest(fay, 6, "ws-gone-before", "f1")));
        assertEquals(1, count(6));
        LogicServer second = TestLogic.start(config.with("db.url", dir.resolve("second.db").toString()));
        try {
            Eventually.await(Duration.ofSeconds(10), "startup sweep removed fay", () -> room(6).isEmpty());
            assertEquals(0, count(6));
            assertFalse(route(f.userId()).containsKey("ws-gone-before"));
        } finally {
            second.close();
        }
    }

    @Test
    void aStormOfConcurrentJoinsAndLeavesIsRecordedExactly() {
        String gus = token("p-gus");
        String bad = "not-a-live-session-token-0123456789abcdef";
        java.util.List<CompletableFuture<SessionInfo>> joins = new java.util.ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            ConnectRequest join = new ConnectRequest(i % 100 == 0 ? bad : gus, 700 + i % 4, "ws-storm", "storm-" + i);
            joins.add(pool.callAny(s -> s.connect(join)));
        }
        long refused = joins.stream().map(CompletableFuture::join).filter(java.util.Objects::isNull).count();
        assertEquals(20, refused, "exactly the joins with a dead token are refused");
        SessionInfo g = joins.get(1).join();
        for (long room = 700; room < 704; room++) {
            assertEquals(Map.of(g.userId() + "", "p-gus"), room(room));
        }
        assertEquals(Map.of("ws-storm", "1980"), route(g.userId()));
        assertEquals(Map.of("ws-storm", "480"), roomServers(700), "500 joins of room 700, 20 with a dead token");

        java.util.List<CompletableFuture<Void>> leaves = new java.util.ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            if (i % 100 != 0 && i % 4 != 3) {   // everyone leaves but room 703
                DisconnectRequest leave = new DisconnectRequest(g.userId(), 700 + i % 4, "ws-storm", "storm-" + i);
                leaves.add(pool.callAny(s -> s.disconnect(leave)));
            }
        }
        leaves.forEach(CompletableFuture::join);
        for (long room = 700; room < 703; room++) {
            assertEquals(0, count(room), "room " + room + " is empty");
            assertTrue(roomServers(room).isEmpty());
        }
        assertEquals(1, count(703));
        assertEquals(Map.of("ws-storm", "500"), route(g.userId()), "the 500 connections in room 703 stay");
    }
}
