package io.gochat.e2e;

import static io.gochat.e2e.Inbox.text;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.gochat.api.ApiServer;
import io.gochat.cluster.discovery.ClusterNode;
import io.gochat.cluster.discovery.Roles;
import io.gochat.cluster.discovery.ServiceWatcher;
import io.gochat.connect.WsTestClient;
import io.gochat.launcher.Main;
import io.gochat.redis.UserRoutes;
import io.gochat.testkit.ChildJvm;
import io.gochat.testkit.EtcdExtension;
import io.gochat.testkit.Eventually;
import io.gochat.testkit.FreePorts;
import io.gochat.testkit.RedisExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * Issue #17: a connect server process frozen with SIGSTOP past its etcd lease (a long GC pause, a stopped
 * VM). Logic sees it leave and drops its users' presence; once it runs again (SIGCONT) it registers again
 * and re-announces its live connections, so its users are routed and in their rooms again, without
 * reconnecting. The connect server is a real child JVM; logic, task and api run here with the test's own
 * etcd and redis-server. A fault test: {@code mvn -Pfaults}.
 */
@Tag("faults")
class ConnectPauseFaultTest {
    @RegisterExtension
    static EtcdExtension etcd = new EtcdExtension();
    @RegisterExtension
    static RedisExtension redis = new RedisExtension();
    @TempDir
    static Path dir;

    static final Duration WAIT = Duration.ofSeconds(30);
    static LocalCluster cluster;
    static ApiClient api;
    static ClusterNode watcherNode;
    static ServiceWatcher connects;

    @BeforeAll
    static void startCluster() {
        cluster = new LocalCluster(etcd.endpoints(), redis.url(), dir, LocalCluster.Layout.PROCESS_PER_MODULE);
        cluster.logic();
        cluster.task();
        ApiServer apiServer = cluster.api();
        api = new ApiClient(apiServer.port());
        watcherNode = ClusterNode.join(cluster.config, "test", "");
        connects = watcherNode.watch(Roles.CONNECT);
    }

    @AfterAll
    static void stopCluster() {
        if (watcherNode != null) {
            watcherNode.close();
        }
        cluster.close();
    }

    static boolean online(long userId) {
        try (Jedis j = redis.jedis()) {
            return j.hlen(UserRoutes.key(userId)) > 0;
        }
    }

    static Set<String> members(long room) {
        try (Jedis j = redis.jedis()) {
            return j.hkeys("gochat_room_" + room);
        }
    }

    static void signal(long pid, String sig) throws Exception {
        Process p = new ProcessBuilder("kill", "-" + sig, Long.toString(pid)).inheritIO().start();
        assertEquals(0, p.waitFor(), "kill -" + sig);
    }

    static ChildJvm connectServer(String serverId, int wsPort, String ttl) {
        return ChildJvm.start(Main.class, "--module=connect_ws", "--server.id=" + serverId,
                "--etcd.endpoints=" + etcd.endpoints(), "--redis.url=" + redis.url(), "--rpc.host=127.0.0.1",
                "--listen.host=127.0.0.1", "--connect.ws.port=" + wsPort, "--registry.ttl=" + ttl,
                "--connect.presence.check=1s", "--rpc.timeout=5s");
    }

    /**
     * Killed (SIGKILL) and started again under the same server id while its 60 s lease still runs: nobody
     * saw it leave, so only the new run can say that its old users are gone, which it does at start.
     */
    @Test
    void aConnectServerKilledAndRestartedUnderTheSameIdWithinItsLeaseProducesTheLeaveEvents() throws Exception {
        int wsPort = FreePorts.next();
        long room = 902;
        String carlToken = api.token("carl-restart");
        long carl = api.userId(carlToken);
        try (ChildJvm first = connectServer("ws-restarted", wsPort, "60s")) {
            Eventually.await(WAIT, () -> "the child connect server registered; it printed " + first.output(),
                    () -> connects.servers().containsKey("ws-restarted"));
            WsTestClient ws = new WsTestClient(wsPort);
            ws.auth(carlToken, room);
            Eventually.await(WAIT, "carl online in his room", () -> online(carl) && members(room).contains("" + carl));
            first.kill();
            ws.close();
        }
        assertEquals(Set.of("" + carl), members(room), "nobody removed carl: the lease of the killed server still runs");
        long restartedAt = System.nanoTime();
        try (ChildJvm second = connectServer("ws-restarted", FreePorts.next(), "60s")) {
            Eventually.await(WAIT, () -> "carl's old connection removed; it printed " + second.output(),
                    () -> !online(carl) && members(room).isEmpty());
            long tookMs = (System.nanoTime() - restartedAt) / 1_000_000;
            org.junit.jupiter.api.Assertions.assertTrue(tookMs < 30_000, "well within the old lease: " + tookMs + " ms");
        }
    }

    @Test
    void aConnectServerPausedPastItsLeaseReannouncesItsUsersWhenItRunsAgain() throws Exception {
        int wsPort = FreePorts.next();
        try (ChildJvm connect = connectServer("ws-paused", wsPort, "2s")) {
            Eventually.await(WAIT, () -> "the child connect server registered; it printed " + connect.output(),
                    () -> connects.servers().containsKey("ws-paused"));
            long room = 901;
            String annToken = api.token("ann-paused");
            long ann = api.userId(annToken);
            try (WsTestClient ws = new WsTestClient(wsPort)) {
                Inbox inbox = new Inbox("ann", ws.frames());
                ws.auth(annToken, room);
                Eventually.await(WAIT, "ann online in her room", () -> online(ann) && members(room).contains("" + ann));

                signal(connect.pid(), "STOP");
                try {
                    Eventually.await(WAIT, "logic dropped the paused server's users when its lease ran out",
                            () -> !online(ann) && !connects.servers().containsKey("ws-paused"));
                } finally {
                    signal(connect.pid(), "CONT");
                }

                Eventually.await(WAIT, () -> "ann routed and in her room again; it printed " + connect.output(),
                        () -> online(ann) && members(room).contains("" + ann) && connects.servers().containsKey("ws-paused"));
                String bob = api.token("bob-paused");
                JsonNode answer = api.post("/push/push", "authToken", bob, "msg", "after the pause",
                        "toUserId", String.valueOf(ann), "roomId", room);
                assertEquals("ok", answer.get("message").asText(), answer.toString());
                inbox.await(WAIT, "bob's message after the pause", text("after the pause"));
            }
        }
    }
}
