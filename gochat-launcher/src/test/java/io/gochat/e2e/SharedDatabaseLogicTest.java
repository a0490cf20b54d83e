package io.gochat.e2e;

import static io.gochat.e2e.Inbox.text;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import io.gochat.cluster.discovery.ClusterNode;
import io.gochat.cluster.discovery.Roles;
import io.gochat.cluster.ids.Snowflake;
import io.gochat.cluster.ids.WorkerIdLease;
import io.gochat.cluster.rpc.RpcClientPool;
import io.gochat.connect.ConnectServer;
import io.gochat.connect.WsTestClient;
import io.gochat.core.json.Json;
import io.gochat.logic.LogicMain;
import io.gochat.logic.user.AccountService;
import io.gochat.protocol.Ops;
import io.gochat.protocol.service.AuthReply;
import io.gochat.protocol.service.HistoryQuery;
import io.gochat.protocol.service.LogicService;
import io.gochat.protocol.service.PushReply;
import io.gochat.protocol.service.PushRequest;
import io.gochat.protocol.service.SessionInfo;
import io.gochat.testkit.ChildJvm;
import io.gochat.testkit.EtcdExtension;
import io.gochat.testkit.Eventually;
import io.gochat.testkit.RedisExtension;
import io.gochat.testkit.RelationalDatabases;
import io.gochat.testkit.RelationalDatabases.Engine;
import io.gochat.testkit.RelationalDatabases.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Logic on several hosts: two logic processes, each in a working directory of its own (so nothing but the
 * database is shared), started at the same instant on one new PostgreSQL database, with connect, task and
 * api beside them. Users, messages and history are the same whichever logic answers, message ids are
 * unique, and a logic server that loses its message-id lease stops issuing ids until it holds one again.
 */
class SharedDatabaseLogicTest {
    @RegisterExtension
    static EtcdExtension etcd = new EtcdExtension();
    @RegisterExtension
    static RedisExtension redis = new RedisExtension();
    @RegisterExtension
    static RelationalDatabases databases = new RelationalDatabases();
    @TempDir
    static Path dir;

    static final Duration WAIT = Duration.ofSeconds(20);

    static TestDatabase pg;
    static ChildJvm logicA;
    static ChildJvm logicB;
    static String idA;
    static String idB;
    static LocalCluster cluster;
    static ConnectServer ws;
    static ApiClient api;
    static ClusterNode client;
    static RpcClientPool<LogicService> logics;
    static final List<AutoCloseable> sockets = new ArrayList<>();

    @BeforeAll
    static void start() {
        pg = databases.create(Engine.POSTGRESQL);
        // both at once on a new database: they run its migrations together, under Flyway's lock
        logicA = ChildJvm.startIn(dir.resolve("host-a"), LogicMain.class, etcd.endpoints(), redis.url(), pg.url(), "2s");
        logicB = ChildJvm.startIn(dir.resolve("host-b"), LogicMain.class, etcd.endpoints(), redis.url(), pg.url(), "2s");
        idA = logicA.awaitLine("READY ", Duration.ofSeconds(90)).substring(6);
        idB = logicB.awaitLine("READY ", Duration.ofSeconds(90)).substring(6);

        cluster = new LocalCluster(etcd.endpoints(), redis.url(), dir.resolve("modules"),
                LocalCluster.Layout.ONE_PROCESS);   // connect, task and api in one process; logic is remote
        ws = cluster.ws("ws-1");
        cluster.task();
        api = new ApiClient(cluster.api().port());
        client = ClusterNode.join(cluster.config, "test", "");
        logics = client.pool(Roles.LOGIC, LogicService.class);
        Eventually.await(WAIT, "both logic servers found in etcd", () -> logics.targets().size() == 2);
        Eventually.await(WAIT, "the api reaching logic",
                () -> api.post("/user/checkAuth", "authToken", "warm-up").get("code").asInt() == 40000);
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable s : sockets) {
            s.close();
        }
        if (client != null) {
            client.close();
        }
        if (cluster != null) {
            cluster.close();
        }
        if (logicA != null) {
            logicA.close();
        }
        if (logicB != null) {
            logicB.close();
        }
    }

    /** Calls logic server {@code serverId} itself, not whichever the pool picks. */
    static <T> T on(String serverId, Function<LogicService, CompletableFuture<T>> call) {
        LogicService logic = logics.byServerId(serverId).orElseThrow(() -> new AssertionError("no logic " + serverId));
        try {
            return call.apply(logic).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("call to " + serverId + " failed: " + e, e);
        }
    }

    @Test
    void migratingTogetherAppliedEachMigrationOnce() throws Exception {
        List<String> applied = new ArrayList<>();
        try (Connection c = pg.connect(); PreparedStatement st = c.prepareStatement(
                "SELECT version FROM flyway_schema_history WHERE version IS NOT NULL AND success ORDER BY installed_rank");
             ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                applied.add(rs.getString(1));
            }
        }
        assertEquals(expectedVersions(), applied, "every migration once, in order: " + applied);
    }

    /**
     * The PostgreSQL migrations logic ships (its SQL files plus the Java migration 3), read from its sources
     * so that a feature's new migration needs no edit here.
     */
    static List<String> expectedVersions() throws java.io.IOException {
        java.util.TreeSet<Integer> versions = new java.util.TreeSet<>(List.of(3));
        java.util.regex.Pattern sql = java.util.regex.Pattern.compile("V(\\d+)__.*\\.sql");
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.list(
                java.nio.file.Path.of("..", "gochat-logic", "src", "main", "resources", "db", "migration", "postgresql"))) {
            files.forEach(f -> {
                java.util.regex.Matcher m = sql.matcher(f.getFileName().toString());
                if (m.matches()) {
                    versions.add(Integer.parseInt(m.group(1)));
                }
            });
        }
        return versions.stream().map(String::valueOf).toList();
    }

    @Test
    void aUserRegisteredThroughOneLogicServerLogsInThroughTheOther() {
        AuthReply reg = on(idA, s -> s.register("sam", "sam-password"));
        assertEquals(0, reg.code(), reg.message());
        AuthReply login = on(idB, s -> s.login("sam", "sam-password"));
        assertEquals(0, login.code(), login.message());
        SessionInfo viaA = on(idA, s -> s.checkAuth(login.token()));
        SessionInfo viaB = on(idB, s -> s.checkAuth(reg.token()));
        assertEquals(viaA.userId(), viaB.userId());
        assertEquals(viaA.userName(), viaB.userName());
        assertEquals("sam", on(idB, s -> s.userName(viaA.userId())));
        assertEquals(AccountService.NAME_TAKEN, on(idB, s -> s.register("sam", "another-password")).message());
        assertEquals(AccountService.BAD_LOGIN, on(idA, s -> s.login("sam", "wrong")).message());
    }

    @Test
    void messagesThroughEitherLogicServerAreStoredOnceWithUniqueIdsAndOneHistory() throws Exception {
        String alice = api.token("alice-m");
        String bob = api.token("bob-m");
        long aliceId = api.userId(alice);
        long bobId = api.userId(bob);
        Inbox bobInbox = connect("bob-m", bob, 1);

        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            for (String via : List.of(idA, idB)) {
                String msg = "via " + via + " #" + i;
                PushReply r = on(via, s -> s.pushAs(alice, new PushRequest(0, null, Ops.SINGLE, bobId, 1, msg)));
                assertEquals(0, r.code(), r.message());
                sent.add(msg);
            }
            String msg = "via api #" + i;
            assertEquals(0, api.post("/push/push", "authToken", alice, "msg", msg, "toUserId", String.valueOf(bobId),
                    "roomId", 1).get("code").asInt());
            sent.add(msg);
        }

        List<String> historyA = on(idA, s -> s.privateHistory(new HistoryQuery(aliceId, bobId, 200, 0))).messages();
        List<String> historyB = on(idB, s -> s.privateHistory(new HistoryQuery(bobId, aliceId, 200, 0))).messages();
        assertEquals(historyA, historyB, "the same history whichever logic answers");
        assertEquals(30, historyA.size());
        Set<Long> ids = new HashSet<>();
        for (String body : historyA) {
            ids.add(Json.MAPPER.readTree(body).get("msgId").asLong());
        }
        assertEquals(30, ids.size(), "unique message ids across both servers");
        try (Connection c = pg.connect(); PreparedStatement st = c.prepareStatement(
                "SELECT count(*), count(DISTINCT id) FROM message WHERE conversation = ?")) {
            st.setString(1, "p:" + Math.min(aliceId, bobId) + ":" + Math.max(aliceId, bobId));
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                assertEquals(30, rs.getInt(1), "each message stored once");
                assertEquals(30, rs.getInt(2));
            }
        }
        for (String msg : sent) {
            bobInbox.await(WAIT, msg, text(msg));
        }
    }

    @Test
    void concurrentSendersThroughBothLogicServersNumberARoomAndAChatOneToNWithoutGapsOrRepeats() throws Exception {
        List<String> tokens = new ArrayList<>();
        for (int u = 0; u < 4; u++) {
            tokens.add(api.token("seq-" + u));
        }
        long peer = api.userId(tokens.get(0));
        long room = 77;
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int u = 0; u < tokens.size(); u++) {
            String token = tokens.get(u);
            int sender = u;
            Thread t = new Thread(() -> {
                try {
                    for (int i = 0; i < 25; i++) {
                        String via = (i + sender) % 2 == 0 ? idA : idB;
                        String msg = "seq " + sender + "/" + i;
                        PushRequest r = sender > 0 && i % 5 == 0
                                ? new PushRequest(0, null, Ops.SINGLE, peer, room, msg)   // each sender's chat with seq-0
                                : new PushRequest(0, null, Ops.ROOM, 0, room, msg);
                        PushReply reply = on(via, s -> s.pushAs(token, r));
                        assertEquals(0, reply.code(), reply.message());
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertTrue(failures.isEmpty(), failures.toString());
        assertNumberedOneToN("r:" + room, 100 - 3 * 5);
        for (int u = 1; u < tokens.size(); u++) {
            long from = api.userId(tokens.get(u));
            assertNumberedOneToN("p:" + Math.min(from, peer) + ":" + Math.max(from, peer), 5);
        }
    }

    /** The conversation's rows are numbered 1..n, each once, and each body carries its row's number. */
    private static void assertNumberedOneToN(String conversation, int n) throws Exception {
        try (Connection c = pg.connect(); PreparedStatement st = c.prepareStatement(
                "SELECT seq, body FROM message WHERE conversation = ? ORDER BY seq")) {
            st.setString(1, conversation);
            try (ResultSet rs = st.executeQuery()) {
                int expected = 0;
                while (rs.next()) {
                    expected++;
                    assertEquals(expected, rs.getLong(1), conversation + ": 1..n, no gap, no repeat");
                    assertEquals(expected, Json.MAPPER.readTree(rs.getString(2)).path("seq").asLong(), rs.getString(2));
                }
                assertEquals(n, expected, conversation);
            }
        }
    }

    @Test
    void aLogicServerThatLosesItsIdLeaseRefusesSendsUntilItHoldsAWorkerIdAgain() throws Exception {
        String carl = api.token("carl-l");
        String dora = api.token("dora-l");
        long carlId = api.userId(carl);
        long doraId = api.userId(dora);
        Client etcdClient = client.etcd().client();
        KeyValue workerOfA = workerKeyOf(etcdClient, idA);

        // another process takes every free worker id and then A's own, and A's lease is revoked: A's ids
        // could now collide with the new owner's, and no id is free for it to claim instead
        long thief = etcdClient.getLeaseClient().grant(60).get().getID();
        try {
            for (int n = 0; n < Snowflake.MAX_WORKERS; n++) {
                ByteSequence key = ByteSequence.from("/gochat/workers/" + n, UTF_8);
                etcdClient.getKVClient().txn().If(new Cmp(key, Cmp.Op.EQUAL, CmpTarget.createRevision(0)))
                        .Then(Op.put(key, ByteSequence.from("thief", UTF_8), PutOption.builder().withLeaseId(thief).build()))
                        .commit().get();
            }
            etcdClient.getKVClient().put(workerOfA.getKey(), ByteSequence.from("thief", UTF_8),
                    PutOption.builder().withLeaseId(thief).build()).get();
            etcdClient.getLeaseClient().revoke(workerOfA.getLease()).get();

            Eventually.await(WAIT, "A refusing sends as busy", () -> {
                // until A notices, a probe may still be accepted (and stored, with a unique id)
                PushReply r = on(idA, s -> s.pushAs(carl, new PushRequest(0, null, Ops.SINGLE, doraId, 1, "probe")));
                return r.code() == 1 && r.message().equals(WorkerIdLease.BUSY);
            });
            Eventually.holds(Duration.ofSeconds(1), "A keeps refusing while it holds no worker id", () ->
                    on(idA, s -> s.pushAs(carl, new PushRequest(0, null, Ops.ROOM, 0, 3, "still refused?"))).code() == 1);
            assertEquals(0, on(idB, s -> s.pushAs(carl, new PushRequest(0, null, Ops.SINGLE, doraId, 1, "via B"))).code(),
                    "B still sends with its own worker id");
        } finally {
            etcdClient.getLeaseClient().revoke(thief).get();
        }

        Eventually.await(WAIT, "A sending again with a worker id of its own", () ->
                on(idA, s -> s.pushAs(carl, new PushRequest(0, null, Ops.SINGLE, doraId, 1, "resumed"))).code() == 0);
        for (int i = 0; i < 20; i++) {
            String msg = "after #" + i;
            assertEquals(0, on(i % 2 == 0 ? idA : idB,
                    s -> s.pushAs(carl, new PushRequest(0, null, Ops.SINGLE, doraId, 1, msg))).code());
        }
        List<String> history = on(idB, s -> s.privateHistory(new HistoryQuery(carlId, doraId, 200, 0))).messages();
        Set<Long> ids = new HashSet<>();
        int probes = 0;
        for (String body : history) {
            JsonNode m = Json.MAPPER.readTree(body);
            assertTrue(ids.add(m.get("msgId").asLong()), "duplicate id " + body);
            assertTrue(!m.get("msg").asText().equals("still refused?"), "a refused send was not stored: " + body);
            probes += m.get("msg").asText().equals("probe") ? 1 : 0;
        }
        assertEquals(22, ids.size() - probes, "via B, resumed, and 20 more: " + history);
        assertEquals(1, logicA.output().stream().filter(l -> l.contains("lost message-id worker")).count(),
                "the loss is logged once: " + logicA.output());
        assertTrue(workerKeyOf(etcdClient, idA).getLease() != workerOfA.getLease(), "A holds a new lease");
    }

    /** The worker-id key that logic server {@code serverId} holds now. */
    private static KeyValue workerKeyOf(Client etcdClient, String serverId) throws Exception {
        for (KeyValue kv : etcdClient.getKVClient().get(ByteSequence.from("/gochat/workers/", UTF_8),
                GetOption.builder().isPrefix(true).build()).get().getKvs()) {
            if (kv.getValue().toString(UTF_8).equals(serverId)) {
                return kv;
            }
        }
        throw new AssertionError(serverId + " holds no worker id");
    }

    /** A WebSocket client of {@code user} in {@code room}, once presence has it. */
    private static Inbox connect(String name, String token, long room) {
        WsTestClient client = new WsTestClient(ws.port());
        sockets.add(client);
        client.auth(token, room);
        Inbox inbox = new Inbox(name, client.frames());
        long userId = api.userId(token);
        Eventually.await(WAIT, name + " joined room " + room, () -> {
            api.post("/push/getRoomInfo", "authToken", token, "roomId", room);
            try {
                inbox.await(Duration.ofSeconds(1), "the member list", n -> n.path("op").asInt() == 5
                        && n.path("roomUserInfo").has(String.valueOf(userId)));
                return true;
            } catch (AssertionError notYet) {
                return false;
            }
        });
        return inbox;
    }
}
