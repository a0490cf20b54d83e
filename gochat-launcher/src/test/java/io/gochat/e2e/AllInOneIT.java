package io.gochat.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.options.GetOption;
import io.gochat.connect.TcpTestClient;
import io.gochat.connect.WsTestClient;
import io.gochat.core.json.Json;
import io.gochat.testkit.EtcdExtension;
import io.gochat.testkit.Eventually;
import io.gochat.testkit.FreePorts;
import io.gochat.testkit.RedisExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar im.jar --module=all}, the single-machine layout, from the real jar: every module in one
 * process registers in etcd, WebSocket and TCP users in one room get room and private messages sent over
 * HTTP, and SIGTERM leaves etcd clean and exits 0.
 */
class AllInOneIT {
    @RegisterExtension
    static EtcdExtension etcd = new EtcdExtension();
    @RegisterExtension
    static RedisExtension redis = new RedisExtension();
    @TempDir
    Path dir;

    static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void everyModuleRunsInOneProcessAndAMessageCrossesThemAll() throws Exception {
        int api = FreePorts.next();
        int ws = FreePorts.next();
        int tcp = FreePorts.next();
        int site = FreePorts.next();
        try (ImProcess gochat = ImProcess.start("all", Path.of("target", "cluster-logs"), "all", List.of(
                "--etcd.endpoints=" + etcd.endpoints(), "--redis.url=" + redis.url(),
                "--db.url=jdbc:sqlite:" + dir.resolve("gochat.db"), "--listen.host=127.0.0.1",
                "--api.port=" + api, "--connect.ws.port=" + ws, "--connect.tcp.port=" + tcp, "--site.port=" + site,
                "--server.id=box", "--registry.ttl=2s"), List.of("-Xms32m", "-Xmx256m"))) {
            gochat.awaitStarted(Duration.ofSeconds(60));
            assertEquals(Set.of("api/box-api", "connect/box-connect_tcp", "connect/box-connect_ws", "logic/box-logic",
                    "site/box-site", "task/box-task"), registered(), "each module registered under its own id");

            ApiClient http = new ApiClient(api);
            String alice = http.token("alice");
            String bob = http.token("bob");
            long bobId = http.userId(bob);
            try (WsTestClient aliceWs = new WsTestClient(ws).auth(alice, 7);
                 TcpTestClient bobTcp = new TcpTestClient(tcp).auth(bob, 7)) {
                Eventually.await(WAIT, "both in room 7", () -> http.post("/push/count", "authToken", alice,
                        "roomId", 7).get("code").asInt() == 0 && countSeen(aliceWs) == 2);

                assertEquals(0, http.post("/push/pushRoom", "authToken", alice, "msg", "hello room", "roomId", 7)
                        .get("code").asInt());
                assertEquals("hello room", nextText(aliceWs::next, 3));
                assertEquals("hello room", nextText(bobTcp::next, 3));

                JsonNode r = http.post("/push/push", "authToken", alice, "msg", "psst", "toUserId", String.valueOf(bobId),
                        "roomId", 7);
                assertEquals("ok", r.get("message").asText(), "bob is online: " + r);
                assertEquals("psst", nextText(bobTcp::next, 2));
            }
            assertEquals(143, gochat.stop(Duration.ofSeconds(20)), "a clean exit on SIGTERM (128 + 15, as every JVM)");
            assertEquals(Set.of(), registered(), "every module left etcd");
        }
    }

    @FunctionalInterface
    interface FrameSource {
        String next(Duration timeout) throws InterruptedException;
    }

    /** The text of the next frame with {@code op}, skipping presence notices. */
    private static String nextText(FrameSource frames, int op) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            String frame = frames.next(WAIT);
            if (frame == null) {
                break;
            }
            JsonNode json = Json.read(frame, JsonNode.class);
            if (json.path("op").asInt() == op) {
                return json.path("msg").asText();
            }
        }
        throw new AssertionError("no op-" + op + " frame within " + WAIT);
    }

    private static int countSeen(WsTestClient client) {
        int best = 0;
        for (String frame : client.frames()) {
            JsonNode json = Json.read(frame, JsonNode.class);
            if (json.path("op").asInt() == 4) {
                best = Math.max(best, json.path("count").asInt());
            }
        }
        return best;
    }

    private static Set<String> registered() throws Exception {
        try (Client client = Client.builder().endpoints(etcd.endpoints()).build()) {
            ByteSequence prefix = ByteSequence.from("/gochat/", StandardCharsets.UTF_8);
            Set<String> keys = new TreeSet<>();
            client.getKVClient().get(prefix, GetOption.builder().isPrefix(true).build()).get(10, TimeUnit.SECONDS)
                    .getKvs().forEach(kv -> {
                        String key = kv.getKey().toString(StandardCharsets.UTF_8).substring("/gochat/".length());
                        if (!key.startsWith("workers/")) {
                            keys.add(key);
                        }
                    });
            return keys;
        }
    }
}
