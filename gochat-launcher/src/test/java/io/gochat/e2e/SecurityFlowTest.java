package io.gochat.e2e;

import static io.gochat.e2e.Inbox.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.gochat.api.ApiServer;
import io.gochat.cluster.ClusterRuntime;
import io.gochat.cluster.discovery.Roles;
import io.gochat.cluster.discovery.ServerInfo;
import io.gochat.cluster.rpc.RpcReference;
import io.gochat.cluster.rpc.RpcRuntime;
import io.gochat.connect.ConnectServer;
import io.gochat.connect.WsTestClient;
import io.gochat.protocol.service.ConnectService;
import io.gochat.protocol.service.LogicService;
import io.gochat.testkit.EtcdExtension;
import io.gochat.testkit.Eventually;
import io.gochat.testkit.RedisExtension;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A closed cluster and sessions that end, end to end: every module on its own runtime talking Dubbo
 * with a cluster secret; an outsider who reaches the RPC ports directly is refused by logic and connect
 * (and logged), while members work normally; a password change or deleted account closes the user's
 * sockets.
 */
class SecurityFlowTest {
    @RegisterExtension
    static EtcdExtension etcd = new EtcdExtension();
    @RegisterExtension
    static RedisExtension redis = new RedisExtension();
    @TempDir
    static Path dir;

    static final Duration WAIT = Duration.ofSeconds(15);
    static final String SECRET = "e2e-cluster-secret-0123456789";
    static LocalCluster cluster;
    static ConnectServer ws;
    static ApiClient api;

    @BeforeAll
    static void start() {
        cluster = new LocalCluster(etcd.endpoints(), redis.url(), dir, LocalCluster.Layout.PROCESS_PER_MODULE,
                c -> c.with("cluster.secret", SECRET));
        cluster.logic();
        ws = cluster.ws("ws-sec");
        cluster.task();
        ApiServer apiServer = cluster.api();
        api = new ApiClient(apiServer.port());
        Eventually.await(WAIT, "the api reaches logic over Dubbo", () -> !api.post("/user/login", "userName", "x",
                "passWord", "y").get("message").asText().contains("unavailable"));
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void membersWithTheSecretDeliverAndAnOutsiderCallingLogicOrConnectDirectlyIsRefusedAndLogged() throws Exception {
        String aliceToken = api.token("alice");
        long alice = api.userId(aliceToken);
        try (WsTestClient socket = new WsTestClient(ws.port())) {
            socket.auth(aliceToken, 9);
            Inbox inbox = new Inbox("alice", socket.frames());
            inbox.await(WAIT, "her join notice", n -> n.path("op").asInt() == 5);
            assertEquals(0, api.post("/push/pushRoom", "authToken", aliceToken, "roomId", 9, "msg", "members only")
                    .get("code").asInt());
            inbox.await(WAIT, "the room message, through logic, task and connect over authenticated Dubbo",
                    text("members only"));

            PrintStream realErr = System.err;
            ByteArrayOutputStream captured = new ByteArrayOutputStream();
            System.setErr(new PrintStream(new TeeStream(realErr, captured), true, StandardCharsets.UTF_8));
            try (ClusterRuntime outsider = ClusterRuntime.create(cluster.config.with("cluster.secret", ""), "outsider");
                 RpcRuntime rpc = new RpcRuntime("outsider-rpc", Duration.ofSeconds(3), 0)) {
                ServerInfo logic = outsider.watch(Roles.LOGIC).servers().values().iterator().next();
                ServerInfo connect = outsider.watch(Roles.CONNECT).servers().get("ws-sec");
                try (RpcReference<LogicService> l = rpc.refer(LogicService.class, logic.serverId(), logic.host(), logic.rpcPort());
                     RpcReference<ConnectService> c = rpc.refer(ConnectService.class, connect.serverId(), connect.host(),
                             connect.rpcPort())) {
                    assertRefused(() -> l.proxy().privateSince(alice, 0, 50).join());
                    assertRefused(() -> l.proxy().pushAs(aliceToken,
                            new io.gochat.protocol.service.PushRequest(0, "", 3, 0, 9, "forged")).join());
                    assertRefused(() -> c.proxy().closeSession(alice, 0).join());
                }
            } finally {
                System.setErr(realErr);
            }
            String log = captured.toString(StandardCharsets.UTF_8);
            assertTrue(log.contains("refused RPC LogicService.privateSince from 127.0.0.1"), log);
            assertTrue(log.contains("refused RPC ConnectService.closeSession from 127.0.0.1"), log);
            assertTrue(inbox.received(text("forged")).isEmpty(), "nothing forged was delivered");
            assertTrue(!socket.closed(), "alice's socket untouched");
        }
    }

    private static void assertRefused(Runnable call) {
        try {
            call.run();
        } catch (CompletionException | org.apache.dubbo.rpc.RpcException e) {
            Throwable t = e;
            while (t != null && !String.valueOf(t.getMessage()).contains("refused: no cluster credential")) {
                t = t.getCause();
            }
            assertTrue(t != null, "refused for lack of a credential: " + e);
            return;
        }
        throw new AssertionError("an outsider's call went through");
    }

    @Test
    void aPasswordChangeAndADeletedAccountCloseTheUsersSockets() {
        String token = api.token("bert");
        try (WsTestClient phone = new WsTestClient(ws.port()); WsTestClient laptop = new WsTestClient(ws.port())) {
            phone.auth(token, 3);
            laptop.auth(token, 3);
            Eventually.await(WAIT, "both joined", () -> ws.buckets().userChannels(api.userId(token)) == 2);
            JsonNode changed = api.post("/user/password", "authToken", token, "passWord", "secret-bert",
                    "newPassWord", "a new secret");
            assertEquals(0, changed.get("code").asInt(), changed.toString());
            for (WsTestClient device : new WsTestClient[] {phone, laptop}) {
                new Inbox("bert", device.frames()).await(WAIT, "the notice",
                        n -> n.path("code").asInt() == 40000 && n.path("msg").asText().equals("Session error: password changed"));
                Eventually.await(WAIT, "closed", device::closed);
            }
            assertEquals(40000, api.post("/user/checkAuth", "authToken", token).get("code").asInt());
        }
        String fresh = api.post("/user/login", "userName", "bert", "passWord", "a new secret").get("data").asText();
        try (WsTestClient again = new WsTestClient(ws.port())) {
            again.auth(fresh, 3);
            Inbox inbox = new Inbox("bert", again.frames());
            inbox.await(WAIT, "joined", n -> n.path("op").asInt() == 5);
            assertEquals(0, api.post("/user/delete", "authToken", fresh, "passWord", "a new secret").get("code").asInt());
            inbox.await(WAIT, "the notice", n -> n.path("msg").asText().equals("Session error: account deleted"));
            Eventually.await(WAIT, "closed", again::closed);
        }
    }

    /** Writes to two streams (the test still shows the log it reads). */
    private static final class TeeStream extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        TeeStream(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int x) throws java.io.IOException {
            a.write(x);
            b.write(x);
        }

        @Override
        public void write(byte[] buf, int off, int len) throws java.io.IOException {
            a.write(buf, off, len);
            b.write(buf, off, len);
        }
    }
}
