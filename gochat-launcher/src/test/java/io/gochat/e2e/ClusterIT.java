package io.gochat.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.gochat.core.json.Json;
import io.gochat.connect.TcpTestClient;
import io.gochat.testkit.EtcdExtension;
import io.gochat.testkit.Eventually;
import io.gochat.testkit.FreePorts;
import io.gochat.testkit.RedisExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole system as separate im.jar processes — 2 logic, 2 connect_ws, 1 connect_tcp, 2 task,
 * 1 api — with users spread over them. While messages flow, one connect_ws, one logic and the
 * consuming task are killed with SIGKILL in turn. Every message is counted: none may be lost
 * (duplicates are allowed), except what was sent to a user while its server was dead and before it
 * reconnected — there is no offline store yet.
 */
class ClusterIT {
    @RegisterExtension
    static EtcdExtension etcd = new EtcdExtension();
    @RegisterExtension
    static RedisExtension redis = new RedisExtension();
    @TempDir
    Path dir;

    static final Path LOGS = Path.of("target", "cluster-logs");
    static final Duration START = Duration.ofSeconds(60);
    static final Duration DELIVERY = Duration.ofSeconds(45);
    static final long ROOM = 1;

    private final List<AutoCloseable> resources = new ArrayList<>();
    private final AtomicLong seq = new AtomicLong();
    private final AtomicLong lastAccepted = new AtomicLong();
    /** text → sequence number, for every message the api accepted. */
    private final Map<String, Long> accepted = new ConcurrentHashMap<>();
    /** private text → recipient name */
    private final Map<String, String> privateTo = new ConcurrentHashMap<>();

    @AfterEach
    void stopAll() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }

    private <T extends AutoCloseable> T keep(T r) {
        resources.add(r);
        return r;
    }

    private ImProcess start(String name, String module, String... extra) throws Exception {
        List<String> flags = new ArrayList<>(List.of("--etcd.endpoints=" + etcd.endpoints(), "--redis.url=" + redis.url(),
                "--db.url=jdbc:sqlite:" + dir.resolve("gochat.db"), "--registry.ttl=2s", "--rpc.timeout=5s",
                "--listen.host=127.0.0.1", "--rpc.host=127.0.0.1",
                // every one of the 8 processes proves the cluster secret on each RPC; one sender bursts
                // hundreds of messages, more than a person's per-user limit allows
                "--cluster.secret=cluster-it-secret-0123456789", "--limit.push.user=off"));
        flags.addAll(List.of(extra));
        return keep(ImProcess.start(name, LOGS, module, flags));
    }

    @Test
    void messagesSurviveKillingAConnectServerALogicServerAndATask() throws Exception {
        int ws1Port = FreePorts.next();
        int ws2Port = FreePorts.next();
        int tcpPort = FreePorts.next();
        int apiPort = FreePorts.next();
        // in waves, so eight JVMs do not all start at once on two cores
        List<ImProcess> all = new ArrayList<>();
        startWave(all, () -> List.of(start("logic-1", "logic"), start("logic-2", "logic")));
        startWave(all, () -> List.of(
                start("ws-1", "connect_ws", "--server.id=ws-1", "--connect.ws.port=" + ws1Port),
                start("ws-2", "connect_ws", "--server.id=ws-2", "--connect.ws.port=" + ws2Port),
                start("tcp-1", "connect_tcp", "--server.id=tcp-1", "--connect.tcp.port=" + tcpPort)));
        startWave(all, () -> List.of(start("task-1", "task", "--server.id=task-1"), start("task-2", "task", "--server.id=task-2"),
                start("api", "api", "--api.port=" + apiPort)));
        ImProcess ws1 = all.get(2);
        ImProcess logic1 = all.get(0);

        ApiClient api = new ApiClient(apiPort);
        String senderToken = api.token("sender");
        List<Integer> wsPorts = List.of(ws1Port, ws2Port);
        RoamingWsClient w1 = user(api, "w1", wsPorts, ws1Port);
        RoamingWsClient w2 = user(api, "w2", wsPorts, ws2Port);
        RoamingWsClient w3 = user(api, "w3", wsPorts, ws1Port);
        String t1Token = api.token("t1");
        long t1Id = api.userId(t1Token);
        TcpTestClient t1 = keep(new TcpTestClient(tcpPort));
        t1.auth(t1Token, ROOM);
        Set<String> t1Texts = ConcurrentHashMap.newKeySet();
        Eventually.await(START, "everyone joined the room", () -> {
            collectTcp(t1, t1Texts);
            return w1.joined() && w2.joined() && w3.joined() && t1Joined;
        });

        Map<String, Long> ids = Map.of("w1", w1.userId, "w2", w2.userId, "t1", t1Id);
        Sender sender = new Sender(api, senderToken, ids);

        sender.send(100);
        ws1.kill();
        Eventually.await(START, "w1 and w3 moved to ws-2 while messages flow", () -> {
            sender.send(5);
            return w1.joins.get() >= 2 && w3.joins.get() >= 2;
        });
        sender.send(50);
        logic1.kill();
        sender.send(100);
        ImProcess consuming = consumingTask(all.get(5), all.get(6));
        consuming.kill();
        sender.send(100);

        Eventually.await(DELIVERY, () -> "every message delivered: " + missing(w1, w2, w3, t1Texts), () -> {
            collectTcp(t1, t1Texts);
            return missing(w1, w2, w3, t1Texts).isEmpty();
        });
        assertTrue(accepted.size() >= 350, "messages flowed: " + accepted.size());
        assertEquals(1, w1.reconnects.get(), "w1 reconnected once, to ws-2");
        assertEquals(1, w3.reconnects.get(), "w3 reconnected once, to ws-2");
        assertEquals(0, w2.reconnects.get(), "w2 on ws-2 never lost its connection");
    }

    interface Wave {
        List<ImProcess> start() throws Exception;
    }

    private static void startWave(List<ImProcess> all, Wave wave) throws Exception {
        List<ImProcess> started = wave.start();
        for (ImProcess p : started) {
            p.awaitStarted(START);
        }
        all.addAll(started);
    }

    private RoamingWsClient user(ApiClient api, String name, List<Integer> ports, int first) {
        String token = api.token(name);
        return keep(new RoamingWsClient(name, api.userId(token), token, ROOM, ports, first, lastAccepted::get,
                () -> api.post("/push/getRoomInfo", "authToken", token, "roomId", ROOM)));
    }

    private volatile boolean t1Joined;

    private void collectTcp(TcpTestClient client, Set<String> texts) {
        List<String> frames = new ArrayList<>();
        client.frames().drainTo(frames);
        for (String f : frames) {
            JsonNode n;
            try {
                n = Json.MAPPER.readTree(f);
            } catch (Exception e) {
                throw new AssertionError("t1 got a frame that is not JSON: " + f);
            }
            int op = n.path("op").asInt();
            if (op == 2 || op == 3) {
                texts.add(n.path("msg").asText());
            } else if (op == 5) {
                t1Joined = true;
            }
        }
    }

    /** Which accepted messages each user still lacks (only those sent after it last joined). */
    private Map<String, Set<String>> missing(RoamingWsClient w1, RoamingWsClient w2, RoamingWsClient w3, Set<String> t1) {
        Map<String, Set<String>> out = new java.util.TreeMap<>();
        check(out, "w1", w1.texts, w1.mustHaveAfterSeq);
        check(out, "w2", w2.texts, 0);
        check(out, "w3", w3.texts, w3.mustHaveAfterSeq);
        check(out, "t1", t1, 0);
        return out;
    }

    private void check(Map<String, Set<String>> out, String who, Set<String> got, long after) {
        Set<String> lacking = new TreeSet<>();
        accepted.forEach((text, n) -> {
            boolean forWho = text.startsWith("r") || who.equals(privateTo.get(text));
            if (forWho && n > after && !got.contains(text)) {
                lacking.add(text);
            }
        });
        if (!lacking.isEmpty()) {
            out.put(who, lacking.size() > 10 ? Set.of(lacking.size() + " messages, e.g. " + lacking.iterator().next()) : lacking);
        }
    }

    private static ImProcess consumingTask(ImProcess a, ImProcess b) {
        return Eventually.awaitValue(Duration.ofSeconds(10), "a task consuming the queue", () -> {
            for (ImProcess p : List.of(a, b)) {
                if (p.lines().stream().anyMatch(l -> l.contains("now consumes the queue"))) {
                    return p;
                }
            }
            return null;
        });
    }

    /** One HTTP-only sender: room messages (retried until accepted) and every 5th a private one. */
    private final class Sender {
        private final ApiClient api;
        private final String token;
        private final Map<String, Long> recipients;
        private final List<String> names;

        Sender(ApiClient api, String token, Map<String, Long> recipients) {
            this.api = api;
            this.token = token;
            this.recipients = recipients;
            this.names = new ArrayList<>(new TreeSet<>(recipients.keySet()));
        }

        void send(int count) {
            for (int i = 0; i < count; i++) {
                long n = seq.incrementAndGet();
                String room = "r" + n;
                for (int attempt = 0; ; attempt++) {
                    JsonNode r = api.post("/push/pushRoom", "authToken", token, "msg", room, "roomId", ROOM);
                    if (r.get("code").asInt() == 0) {
                        accept(room);
                        break;
                    }
                    assertTrue(attempt < 200, "room message never accepted: " + r);
                }
                if (n % 5 == 0) {
                    String to = names.get((int) (n / 5) % names.size());
                    String text = "p" + n + "-" + to;
                    JsonNode r = api.post("/push/push", "authToken", token, "msg", text,
                            "toUserId", String.valueOf(recipients.get(to)), "roomId", ROOM);
                    if (r.get("code").asInt() == 0) {
                        privateTo.put(text, to);
                        accept(text);
                    }
                }
            }
        }

        private void accept(String text) {
            long order = lastAccepted.incrementAndGet();
            accepted.put(text, order);
        }
    }
}
