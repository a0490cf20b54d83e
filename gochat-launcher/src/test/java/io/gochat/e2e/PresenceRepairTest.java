package io.gochat.e2e;

import static io.gochat.e2e.Inbox.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.gochat.api.ApiServer;
import io.gochat.cluster.discovery.ClusterNode;
import io.gochat.cluster.discovery.Roles;
import io.gochat.cluster.rpc.RpcClientPool;
import io.gochat.connect.ConnectServer;
import io.gochat.connect.TcpTestClient;
import io.gochat.connect.WsTestClient;
import io.gochat.protocol.service.ConnectRequest;
import io.gochat.protocol.service.LogicService;
import io.gochat.protocol.service.SessionInfo;
import io.gochat.redis.UserRoutes;
import io.gochat.testkit.EtcdExtension;
import io.gochat.testkit.Eventually;
import io.gochat.testkit.RedisExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * Issue #17, presence that repairs itself: after Redis lost its data, after a connect server's etcd lease
 * lapsed, after a connect server restarted under the same id, and with a connection logic recorded that the
 * connect server never held (a connect call that timed out). Each module has its own runtime (Dubbo
 * between them), with the test's own etcd and redis-server; connect servers check presence every second.
 * A fault test: {@code mvn -Pfaults}.
 */
@Tag("faults")
class PresenceRepairTest {
    @RegisterExtension
    static EtcdExtension etcd = new EtcdExtension();
    @RegisterExtension
    static RedisExtension redis = new RedisExtension();
    @TempDir
    static Path dir;

    static final Duration WAIT = Duration.ofSeconds(20);
    static final AtomicInteger ROOMS = new AtomicInteger(700);
    static final AtomicInteger NAMES = new AtomicInteger();

    static LocalCluster cluster;
    static ConnectServer ws1;
    static ConnectServer tcp;
    static ApiClient api;
    static ClusterNode caller;
    static RpcClientPool<LogicService> logic;
    final List<AutoCloseable> clients = new ArrayList<>();

    @BeforeAll
    static void startCluster() {
        cluster = new LocalCluster(etcd.endpoints(), redis.url(), dir, LocalCluster.Layout.PROCESS_PER_MODULE,
                c -> c.with("connect.presence.check", "1s"));
        cluster.logic();
        ws1 = cluster.ws("ws-1");
        tcp = cluster.tcp("tcp-1");
        cluster.task();
        ApiServer apiServer = cluster.api();
        api = new ApiClient(apiServer.port());
        caller = ClusterNode.join(cluster.config, "test", "");
        logic = caller.pool(Roles.LOGIC, LogicService.class);
        Eventually.await(WAIT, "logic found", () -> !logic.targets().isEmpty());
    }

    @AfterAll
    static void stopCluster() {
        if (caller != null) {
            caller.close();
        }
        cluster.close();
    }

    @AfterEach
    void closeClients() throws Exception {
        for (AutoCloseable c : clients) {
            c.close();
        }
    }

    record User(String name, long id, Inbox inbox, WsTestClient ws, TcpTestClient tcp) {
    }

    private User wsUser(ConnectServer server, long room) {
        String name = "p" + NAMES.incrementAndGet();
        String token = api.token(name);
        WsTestClient ws = new WsTestClient(server.port());
        clients.add(ws);
        ws.auth(token, room);
        return new User(name, api.userId(token), new Inbox(name, ws.frames()), ws, null);
    }

    private User tcpUser(long room) throws Exception {
        String name = "q" + NAMES.incrementAndGet();
        String token = api.token(name);
        TcpTestClient client = new TcpTestClient(tcp.port());
        clients.add(client);
        client.auth(token, room);
        return new User(name, api.userId(token), new Inbox(name, client.frames()), null, client);
    }

    static Set<String> members(long room) {
        try (Jedis j = redis.jedis()) {
            return j.hkeys("gochat_room_" + room);
        }
    }

    static boolean online(long userId) {
        try (Jedis j = redis.jedis()) {
            return j.hlen(UserRoutes.key(userId)) > 0;
        }
    }

    static Set<String> ids(User... users) {
        Set<String> s = new java.util.HashSet<>();
        for (User u : users) {
            s.add(String.valueOf(u.id()));
        }
        return s;
    }

    /** Logic records a connection of {@code token} on {@code serverId} that no connect server holds. */
    static SessionInfo recordStray(String token, long room, String serverId, String connectionId) {
        return logic.callAnyBlocking(l -> l.connect(new ConnectRequest(token, room, serverId, connectionId)));
    }

    @Test
    void afterRedisLostItsDataConnectedUsersAreRoutedAndInTheirRoomsAgain() throws Exception {
        long room = ROOMS.incrementAndGet();
        User ann = wsUser(ws1, room);
        User bob = tcpUser(room);
        Eventually.await(WAIT, "both in the room", () -> members(room).equals(ids(ann, bob)));

        redis.flushAll();
        Eventually.await(WAIT, "both routed and in the room again", () -> online(ann.id()) && online(bob.id())
                && members(room).equals(ids(ann, bob)));

        String carl = api.token("c" + NAMES.incrementAndGet());   // sessions went with the data: log in again
        JsonNode answer = api.post("/push/push", "authToken", carl, "msg", "after the flush",
                "toUserId", String.valueOf(ann.id()), "roomId", room);
        assertEquals("ok", answer.get("message").asText(), "ann is online, not stored for later: " + answer);
        ann.inbox().await(WAIT, "a private message after the flush", text("after the flush"));

        bob.tcp().send("{\"op\":3,\"msg\":\"room after the flush\"}");   // his socket is still authenticated
        ann.inbox().await(WAIT, "a room message after the flush", text("room after the flush"));
    }

    @Test
    void afterAConnectServersEtcdLeaseLapsedItsUsersAreRoutedAgain() throws Exception {
        long room = ROOMS.incrementAndGet();
        User dan = wsUser(ws1, room);
        Eventually.await(WAIT, "dan in the room", () -> members(room).equals(ids(dan)));

        try (Client etcdClient = Client.builder().endpoints(etcd.endpoints()).build()) {
            ByteSequence key = ByteSequence.from(Roles.key(Roles.CONNECT, "ws-1"), StandardCharsets.UTF_8);
            long lease = etcdClient.getKVClient().get(key).get(5, TimeUnit.SECONDS).getKvs().get(0).getLease();
            etcdClient.getLeaseClient().revoke(lease).get(5, TimeUnit.SECONDS);   // as if it expired in a pause
            Eventually.await(WAIT, "logic dropped ws-1's users when it left", () -> !online(dan.id()));
            Eventually.await(WAIT, "ws-1 registered again", () -> {
                try {
                    return etcdClient.getKVClient().get(key).get(5, TimeUnit.SECONDS).getCount() == 1;
                } catch (Exception e) {
                    return false;
                }
            });
        }
        Eventually.await(WAIT, "dan routed and in the room again", () -> online(dan.id())
                && members(room).equals(ids(dan)));

        String eve = api.token("e" + NAMES.incrementAndGet());
        api.post("/push/push", "authToken", eve, "msg", "after the lapse", "toUserId", String.valueOf(dan.id()), "roomId", room);
        dan.inbox().await(WAIT, "a private message after the lease lapsed", text("after the lapse"));
    }

    @Test
    void aServerRestartedUnderTheSameIdWithinItsLeaseProducesTheLeaveEventsOfItsOldSessions() throws Exception {
        long room = ROOMS.incrementAndGet();
        String fayToken = api.token("f" + NAMES.incrementAndGet());
        assertNotNull(recordStray(fayToken, room, "ws-9", "1000"), "fay recorded on ws-9 by its previous run");
        User gil = wsUser(ws1, room);
        long fay = api.userId(fayToken);
        gil.inbox().await(WAIT, "a member list with fay and gil", n -> n.path("op").asInt() == 5
                && n.path("roomUserInfo").has(String.valueOf(fay)) && n.path("roomUserInfo").has(String.valueOf(gil.id())));

        cluster.ws("ws-9");   // the same id again: its previous run's connections leave

        JsonNode after = gil.inbox().await(WAIT, "a member list without fay", n -> n.path("op").asInt() == 5
                && !n.path("roomUserInfo").has(String.valueOf(fay)));
        assertEquals(Map.of(String.valueOf(gil.id()), gil.name()), Json.toMap(after.path("roomUserInfo")));
        assertEquals(Set.of(String.valueOf(gil.id())), members(room));
        assertEquals(false, online(fay));
    }

    @Test
    void aConnectionLogicRecordedButNoConnectServerHoldsIsRemovedAndGetRoomInfoNoLongerListsIt() throws Exception {
        long room = ROOMS.incrementAndGet();
        User hal = tcpUser(room);
        Eventually.await(WAIT, "hal in the room", () -> members(room).equals(ids(hal)));
        String ivyToken = api.token("i" + NAMES.incrementAndGet());
        long ivy = api.userId(ivyToken);
        recordStray(ivyToken, room, tcp.serverId(), "5");   // e.g. a connect whose answer timed out

        Eventually.await(WAIT, "ivy's stray connection removed", () -> !members(room).contains(String.valueOf(ivy))
                && !online(ivy));
        int before = hal.inbox().received(n -> n.path("op").asInt() == 5).size();
        api.post("/push/getRoomInfo", "authToken", api.token(hal.name()), "roomId", room);
        JsonNode info = Eventually.awaitValue(WAIT, "a new member list", () -> {
            List<JsonNode> lists = hal.inbox().received(n -> n.path("op").asInt() == 5);
            return lists.size() > before ? lists.get(lists.size() - 1) : null;
        });
        assertEquals(Map.of(String.valueOf(hal.id()), hal.name()), Json.toMap(info.path("roomUserInfo")));
    }

    /** JSON object → map of texts. */
    static final class Json {
        static Map<String, String> toMap(JsonNode node) {
            Map<String, String> m = new java.util.HashMap<>();
            node.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
            return m;
        }
    }
}
