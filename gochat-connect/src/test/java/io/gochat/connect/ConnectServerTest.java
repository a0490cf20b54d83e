package io.gochat.connect;

import io.gochat.connect.transport.Transport;
import io.gochat.cluster.ClusterConfigKeys;
import io.gochat.core.config.CoreConfigKeys;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gochat.core.config.ConfigKeys;
import io.gochat.cluster.discovery.ServerInfo;
import io.gochat.protocol.Ops;
import io.gochat.protocol.service.ConnectRequest;
import io.gochat.protocol.service.ConnectService;
import io.gochat.protocol.service.DisconnectRequest;
import io.gochat.protocol.service.PushRequest;
import io.gochat.testkit.EtcdExtension;
import io.gochat.testkit.Eventually;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Real connect servers (WS and TCP) on real sockets, with real etcd and a test logic over Dubbo. */
class ConnectServerTest {
    @RegisterExtension
    static EtcdExtension etcd = new EtcdExtension();

    static final Duration WAIT = Duration.ofSeconds(5);
    static final AtomicLong ids = new AtomicLong(1000);
    static TestCluster cluster;
    static ConnectServer ws;
    static ConnectServer tcp;

    @BeforeAll
    static void startCluster() {
        cluster = new TestCluster(etcd.endpoints());
        ws = cluster.start(Transport.WS, cluster.base());
        tcp = cluster.start(Transport.TCP, cluster.base());
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    /** A fresh user with a valid token; answers the token. */
    static String newUser(long userId) {
        String token = "token-" + userId + "-" + ids.incrementAndGet();
        cluster.logic.user(token, userId, "user" + userId);
        return token;
    }

    static long newId() {
        return ids.incrementAndGet();
    }

    static void awaitRoomCount(ConnectServer server, long roomId, int count) {
        Eventually.await(WAIT, "room " + roomId + " has " + count + " connection(s) on " + server.serverId(),
                () -> server.buckets().roomCount(roomId) == count);
    }

    @Test
    void aPushToRoomFoundThroughEtcdReachesWebSocketAndTcpClientsInTheSameRoom() throws Exception {
        long room = newId();
        long alice = newId();
        long bob = newId();
        try (WsTestClient wsClient = new WsTestClient(ws.port()).auth(newUser(alice), room);
             TcpTestClient tcpClient = new TcpTestClient(tcp.port()).auth(newUser(bob), room)) {
            awaitRoomCount(ws, room, 1);
            awaitRoomCount(tcp, room, 1);
            String body = "{\"code\":0,\"msg\":\"hello room\",\"roomId\":" + room + ",\"op\":3}";

            assertEquals(2, cluster.pushToRoomEverywhere(room, body));
            assertEquals(body, wsClient.next(WAIT));
            assertEquals(body, tcpClient.next(WAIT));
            assertEquals(Map.of(alice, "user" + alice), ws.buckets().roomInfo(room));
            assertEquals(1, tcp.buckets().roomCount(room));
        }
    }

    @Test
    void pushToUserReachesEveryConnectionOfThatUserAndNobodyElse() throws Exception {
        long room = newId();
        long carol = newId();
        long dave = newId();
        String carolToken = newUser(carol);
        try (WsTestClient tab1 = new WsTestClient(ws.port()).auth(carolToken, room);
             WsTestClient tab2 = new WsTestClient(ws.port()).auth(carolToken, room);
             WsTestClient other = new WsTestClient(ws.port()).auth(newUser(dave), room)) {
            awaitRoomCount(ws, room, 3);
            ConnectService service = cluster.connectService(ws);

            assertEquals(2, service.deliver(java.util.List.of(io.gochat.protocol.service.Delivery.toUser(carol, "{\"msg\":\"for carol\"}"))).join());
            assertEquals("{\"msg\":\"for carol\"}", tab1.next(WAIT));
            assertEquals("{\"msg\":\"for carol\"}", tab2.next(WAIT));
            assertNull(other.next(Duration.ofMillis(300)));
            assertEquals(0, service.deliver(java.util.List.of(io.gochat.protocol.service.Delivery.toUser(newId(), "{}"))).join(), "unknown user: nothing written");
        }
    }

    @Test
    void aBadTokenGetsAnErrorFrameAndTheConnectionIsClosed() throws Exception {
        try (WsTestClient wsClient = new WsTestClient(ws.port()).auth("no-such-token", 1);
             TcpTestClient tcpClient = new TcpTestClient(tcp.port()).auth("no-such-token", 1)) {
            assertEquals("{\"code\":1,\"msg\":\"invalid token\"}", wsClient.next(WAIT));
            assertEquals("{\"code\":1,\"msg\":\"invalid token\"}", tcpClient.next(WAIT));
            Eventually.await(WAIT, "ws client closed", wsClient::closed);
            Eventually.await(WAIT, "tcp client closed", tcpClient::closedByServer);
        }
    }

    /** gochat §9.6: unauthenticated connections lived forever. */
    @Test
    void aConnectionThatNeverAuthenticatesIsClosedAfterTheAuthTimeout() throws Exception {
        long before = ConnectMetrics.count(ws.metrics().authTimeouts);
        try (WsTestClient wsClient = new WsTestClient(ws.port());
             TcpTestClient tcpClient = new TcpTestClient(tcp.port())) {
            Eventually.await(WAIT, "silent ws client closed", wsClient::closed);
            Eventually.await(WAIT, "silent tcp client closed", tcpClient::closedByServer);
            assertEquals("{\"code\":1,\"msg\":\"authentication timeout\"}", tcpClient.next(WAIT));
            assertTrue(ConnectMetrics.count(ws.metrics().authTimeouts) > before);
        }
    }

    /** gochat §9.2: connect_tcp crashed on this 5-byte frame (and on any length field 0..3). */
    @Test
    void theFiveByteFrameThatCrashedGochatIsRefusedAndOtherClientsKeepBeingServed() throws Exception {
        long room = newId();
        try (TcpTestClient healthy = new TcpTestClient(tcp.port()).auth(newUser(newId()), room)) {
            awaitRoomCount(tcp, room, 1);
            for (byte[] evil : List.of(new byte[] {0x76, 0x31, 0x00, 0x03, 0x78}, new byte[] {0x76, 0x31, 0, 0, 0x78},
                    new byte[] {0x76, 0x31, 0, 1}, new byte[] {0x76, 0x31, 0, 2, 1, 2, 3})) {
                try (TcpTestClient attacker = new TcpTestClient(tcp.port())) {
                    attacker.sendRaw(evil);
                    String error = attacker.next(WAIT);
                    assertNotNull(error, "an error frame before the close");
                    assertTrue(error.startsWith("{\"code\":1,\"msg\":\"bad frame: frame length"), error);
                    Eventually.await(WAIT, "attacker closed", attacker::closedByServer);
                }
            }
            assertEquals(1, cluster.pushToRoomEverywhere(room, "{\"msg\":\"still here\"}"));
            assertEquals("{\"msg\":\"still here\"}", healthy.next(WAIT));
        }
    }

    @Test
    void malformedTcpFramesGetAnErrorFrameAndAreClosed() throws Exception {
        byte[] wrongVersion = {'x', '1', 0, 6, '{', '}'};
        byte[] secondVersionByteWrong = {'v', '2', 0, 6, '{', '}'};
        byte[] tooLong = {'v', '1', (byte) 0x9c, 0x40, '{'};
        byte[] badJson = io.gochat.protocol.TcpFrames.encode("{\"op\":6,");
        byte[] notAnObject = io.gochat.protocol.TcpFrames.encode("[1,2]");
        for (byte[] bad : List.of(wrongVersion, secondVersionByteWrong, tooLong, badJson, notAnObject)) {
            try (TcpTestClient client = new TcpTestClient(tcp.port())) {
                client.sendRaw(bad);
                String error = client.next(WAIT);
                assertNotNull(error);
                assertTrue(error.startsWith("{\"code\":1,\"msg\":\"bad frame"), error);
                Eventually.await(WAIT, "client closed", client::closedByServer);
            }
        }
    }

    @Test
    void aWebSocketFrameOverTheLimitIsRefusedAndClosedWhileOthersAreServed() throws Exception {
        long room = newId();
        try (WsTestClient healthy = new WsTestClient(ws.port()).auth(newUser(newId()), room);
             WsTestClient big = new WsTestClient(ws.port())) {
            awaitRoomCount(ws, room, 1);
            big.socket().sendText("x".repeat(70_000), true);
            Eventually.await(WAIT, "oversized sender closed", big::closed);
            assertEquals(1009, big.closeCode(), "message too big");
            assertEquals(1, cluster.pushToRoomEverywhere(room, "{\"msg\":\"ok\"}"));
            assertEquals("{\"msg\":\"ok\"}", healthy.next(WAIT));
        }
    }

    @Test
    void binaryFramesBadJsonAndMessagesBeforeAuthAreRefusedAndClosed() throws Exception {
        try (WsTestClient binary = new WsTestClient(ws.port());
             WsTestClient junk = new WsTestClient(ws.port()).send("not json");
             WsTestClient early = new WsTestClient(ws.port()).send("{\"op\":3,\"msg\":\"hi\"}")) {
            binary.socket().sendBinary(java.nio.ByteBuffer.wrap(new byte[] {1, 2, 3}), true).join();
            assertEquals("{\"code\":1,\"msg\":\"bad frame: only text frames are accepted\"}", binary.next(WAIT));
            assertEquals("{\"code\":1,\"msg\":\"bad frame: not a JSON object\"}", junk.next(WAIT));
            assertEquals("{\"code\":1,\"msg\":\"authenticate first\"}", early.next(WAIT));
            for (WsTestClient c : List.of(binary, junk, early)) {
                Eventually.await(WAIT, "refused client closed", c::closed);
            }
        }
        try (TcpTestClient tcpEarly = new TcpTestClient(tcp.port())) {
            tcpEarly.send("{\"op\":3,\"authToken\":\"anything\",\"roomId\":1,\"msg\":\"spoof\",\"fromUserId\":1}");
            assertEquals("{\"code\":1,\"msg\":\"authenticate first\"}", tcpEarly.next(WAIT));
            Eventually.await(WAIT, "tcp client closed", tcpEarly::closedByServer);
        }
    }

    /** Stack notes G13: a failed bind must not leave event loops (non-daemon threads) or a registration. */
    @Test
    void aTakenPortFailsTheStartCleanlyWithoutLeftoverThreadsOrRegistration() throws Exception {
        long before = connectThreads();
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            ConnectServer server = new ConnectServer(cluster.base()
                    .with(CoreConfigKeys.CONNECT_WS_PORT, taken.getLocalPort())
                    .with(ClusterConfigKeys.SERVER_ID, "connect-ws-taken"), Transport.WS);
            var e = org.junit.jupiter.api.Assertions.assertThrows(
                    io.gochat.core.lifecycle.StartupException.class, server::start);
            assertTrue(e.getMessage().startsWith("cannot listen on 127.0.0.1:" + taken.getLocalPort()), e.getMessage());
            Eventually.await(WAIT, "its event loop threads ended", () -> connectThreads() == before);
            Eventually.holds(Duration.ofMillis(300), "never registered",
                    () -> cluster.connectServers.byServerId("connect-ws-taken").isEmpty());
            server.close();   // closing again is harmless
        }
    }

    private static long connectThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("connect-ws-")).count();
    }

    @Test
    void anyPathOtherThanWsAnswers404() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ws.port() + "/debug/pprof/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(404, response.statusCode());
    }

    /** gochat §9.3: a second auth frame made the room list circular and the next broadcast spun forever. */
    @Test
    void aSecondAuthFrameIsRefusedAndTheNextBroadcastDeliversExactlyOnce() throws Exception {
        long room = newId();
        String wsToken = newUser(newId());
        String tcpToken = newUser(newId());
        try (WsTestClient wsClient = new WsTestClient(ws.port()).auth(wsToken, room);
             TcpTestClient tcpClient = new TcpTestClient(tcp.port()).auth(tcpToken, room)) {
            awaitRoomCount(ws, room, 1);
            awaitRoomCount(tcp, room, 1);
            wsClient.auth(wsToken, room).auth(wsToken, room + 1);
            tcpClient.auth(tcpToken, room);
            String refused = "{\"code\":1,\"msg\":\"already authenticated\"}";
            assertEquals(refused, wsClient.next(WAIT));
            assertEquals(refused, wsClient.next(WAIT));
            assertEquals(refused, tcpClient.next(WAIT));

            assertEquals(2, cluster.pushToRoomEverywhere(room, "{\"msg\":\"once\"}"));
            assertEquals("{\"msg\":\"once\"}", wsClient.next(WAIT));
            assertEquals("{\"msg\":\"once\"}", tcpClient.next(WAIT));
            Eventually.holds(Duration.ofMillis(500), "no second copy",
                    () -> wsClient.frames().isEmpty() && tcpClient.frames().isEmpty());
            assertEquals(1, ws.buckets().roomCount(room));
            assertEquals(0, ws.buckets().roomCount(room + 1));
        }
    }

    /** gochat §9.8: closing the older of two connections removed the newer one. */
    @Test
    void closingTheOlderOfTwoConnectionsLeavesTheNewerOneReachable() throws Exception {
        long room = newId();
        long erin = newId();
        String token = newUser(erin);
        WsTestClient older = new WsTestClient(ws.port()).auth(token, room);
        awaitRoomCount(ws, room, 1);
        try (WsTestClient newer = new WsTestClient(ws.port()).auth(token, room)) {
            awaitRoomCount(ws, room, 2);
            List<ConnectRequest> connects = cluster.logic.connectsWith(token);
            assertEquals(2, connects.size());
            older.socket().sendClose(1000, "bye").join();
            older.close();

            awaitRoomCount(ws, room, 1);
            Eventually.await(WAIT, "logic told about exactly one disconnect", () -> cluster.logic.disconnectsOf(erin).size() == 1);
            DisconnectRequest gone = cluster.logic.disconnectsOf(erin).get(0);
            assertEquals(connects.get(0).connectionId(), gone.connectionId(), "the older connection left");
            assertEquals(ws.serverId(), gone.serverId());

            ConnectService service = cluster.connectService(ws);
            assertEquals(1, service.deliver(java.util.List.of(io.gochat.protocol.service.Delivery.toUser(erin, "{\"msg\":\"private\"}"))).join());
            assertEquals("{\"msg\":\"private\"}", newer.next(WAIT));
            assertEquals(1, service.deliver(java.util.List.of(io.gochat.protocol.service.Delivery.toRoom(room, "{\"msg\":\"room\"}"))).join());
            assertEquals("{\"msg\":\"room\"}", newer.next(WAIT));
        }
    }

    /** Design §4.1 and gochat §9.23: the sender is the session's user, whatever the frame claims. */
    @Test
    void messagesSentOverTheSocketReachLogicWithTheSenderFromTheSession() throws Exception {
        long room = newId();
        long frank = newId();
        long grace = newId();
        try (WsTestClient wsClient = new WsTestClient(ws.port()).auth(newUser(frank), room);
             TcpTestClient tcpClient = new TcpTestClient(tcp.port()).auth(newUser(grace), room)) {
            awaitRoomCount(ws, room, 1);
            awaitRoomCount(tcp, room, 1);
            wsClient.send("{\"op\":3,\"msg\":\"hi room\",\"fromUserId\":1,\"fromUserName\":\"mallory\",\"roomId\":7,"
                    + "\"clientMsgId\":\"frank-1\"}");
            tcpClient.send("{\"op\":2,\"toUserId\":" + frank + ",\"msg\":\"hi frank\",\"authToken\":\"x\",\"fromUserId\":1}");
            tcpClient.send("{\"op\":3,\"msg\":\"refuse me\"}");

            PushRequest fromWs = Eventually.awaitValue(WAIT, "room push from frank", () -> find(frank));
            assertEquals(new PushRequest(frank, "user" + frank, Ops.ROOM, 0, room, "hi room", "frank-1"), fromWs,
                    "the client's message id goes to logic with the message");
            PushRequest fromTcp = Eventually.awaitValue(WAIT, "private push from grace", () -> find(grace));
            assertEquals(new PushRequest(grace, "user" + grace, Ops.SINGLE, frank, room, "hi frank"), fromTcp);
            assertEquals("{\"code\":1,\"msg\":\"refused by logic\"}", tcpClient.next(WAIT));
        }
    }

    private static PushRequest find(long fromUserId) {
        return cluster.logic.pushes.stream().filter(p -> p.fromUserId() == fromUserId).findFirst().orElse(null);
    }

    @Test
    void theIdleTimeoutClosesSilentPeersButNotOnesThatAnswerHeartbeats() throws Exception {
        long room = newId();
        String token = newUser(newId());
        try (RawWsClient deadWs = new RawWsClient(ws.port());
             WsTestClient liveWs = new WsTestClient(ws.port()).auth(token, room);
             TcpTestClient silentTcp = new TcpTestClient(tcp.port()).auth(newUser(newId()), room);
             TcpTestClient chattyTcp = new TcpTestClient(tcp.port()).auth(newUser(newId()), room)) {
            deadWs.sendText("{\"authToken\":\"" + token + "\",\"roomId\":" + room + "}");
            awaitRoomCount(ws, room, 2);
            awaitRoomCount(tcp, room, 2);
            var heartbeats = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
            try {
                heartbeats.scheduleAtFixedRate(() -> {
                    try {
                        chattyTcp.send("ping msg");
                    } catch (java.io.IOException ignored) {
                        // the assertion below reports it
                    }
                }, 0, 500, java.util.concurrent.TimeUnit.MILLISECONDS);
                assertTrue(deadWs.drainUntilClosed(6000), "a ws peer that never pongs is closed");
                Eventually.await(WAIT, "silent tcp peer closed", silentTcp::closedByServer);
                assertTrue(silentTcp.heartbeats() >= 1, "it got a heartbeat frame first");
                awaitRoomCount(ws, room, 1);
                awaitRoomCount(tcp, room, 1);
                Eventually.holds(Duration.ofSeconds(2), "peers that answer stay connected",
                        () -> !liveWs.closed() && !chattyTcp.closedByServer());
            } finally {
                heartbeats.shutdownNow();
            }
        }
    }

    @Test
    void aSlowReaderIsSkippedAndCountedUnderTheDropPolicy() throws Exception {
        long room = newId();
        String body = "{\"msg\":\"" + "y".repeat(16 * 1024) + "\"}";
        try (TcpTestClient stalled = new TcpTestClient(tcp.port(), false);
             TcpTestClient reader = new TcpTestClient(tcp.port())) {
            stalled.auth(newUser(newId()), room);
            reader.auth(newUser(newId()), room);
            awaitRoomCount(tcp, room, 2);
            long droppedBefore = ConnectMetrics.count(tcp.metrics().droppedSlowReader);
            long deliveredBefore = ConnectMetrics.count(tcp.metrics().delivered);
            int pushes = 0;
            while (ConnectMetrics.count(tcp.metrics().droppedSlowReader) == droppedBefore && pushes < 5000) {
                tcp.service().deliver(java.util.List.of(io.gochat.protocol.service.Delivery.toRoom(room, body))).join();
                int sent = ++pushes;
                Eventually.await(WAIT, "the reading client got push " + sent, () -> reader.frames().size() == sent);
            }
            assertTrue(ConnectMetrics.count(tcp.metrics().droppedSlowReader) > droppedBefore, "drops counted after " + pushes);
            int dropsSoFar = (int) (ConnectMetrics.count(tcp.metrics().droppedSlowReader) - droppedBefore);
            assertEquals(2 * pushes - dropsSoFar, (int) (ConnectMetrics.count(tcp.metrics().delivered) - deliveredBefore),
                    "every push was either delivered or counted as dropped");
            assertEquals(2, tcp.buckets().roomCount(room), "drop policy keeps the slow reader connected");
        }
    }

    @Test
    void aSlowReaderIsDisconnectedUnderTheClosePolicyAndACleanShutdownDeregistersFirst() throws Exception {
        ConnectServer strict = cluster.start(Transport.TCP,
                cluster.base().with(ConnectConfigKeys.CONNECT_SLOW_READER, "close"));
        ServerInfo info = cluster.connectServers.targets().stream().map(t -> t.info())
                .filter(i -> i.serverId().equals(strict.serverId())).findFirst().orElseThrow();
        assertEquals("connect", info.role());
        assertEquals("tcp", info.type());
        assertEquals(Map.of("tcp", strict.port()), info.ports());

        long room = newId();
        long slowUser = newId();
        long idleUser = newId();
        String body = "{\"msg\":\"" + "z".repeat(16 * 1024) + "\"}";
        try (TcpTestClient stalled = new TcpTestClient(strict.port(), false);
             TcpTestClient bystander = new TcpTestClient(strict.port())) {
            stalled.auth(newUser(slowUser), room);
            bystander.auth(newUser(idleUser), room + 1);
            awaitRoomCount(strict, room, 1);
            awaitRoomCount(strict, room + 1, 1);
            int pushes = 0;
            while (ConnectMetrics.count(strict.metrics().closedSlowReader) == 0 && pushes < 5000) {
                strict.service().deliver(java.util.List.of(io.gochat.protocol.service.Delivery.toRoom(room, body))).join();
                pushes++;
            }
            assertTrue(ConnectMetrics.count(strict.metrics().closedSlowReader) > 0, "closed after " + pushes);
            awaitRoomCount(strict, room, 0);
            Eventually.await(WAIT, "logic told", () -> cluster.logic.disconnectsOf(slowUser).size() == 1);

            strict.close();
            Eventually.await(WAIT, "gone from etcd", () -> cluster.connectServers.byServerId(strict.serverId()).isEmpty());
            Eventually.await(WAIT, "its clients closed", bystander::closedByServer);
            Eventually.await(WAIT, "logic told about the closed client",
                    () -> cluster.logic.disconnectsOf(idleUser).size() == 1);
        }
    }
}
