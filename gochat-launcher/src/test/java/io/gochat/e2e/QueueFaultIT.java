package io.gochat.e2e;

import static io.gochat.e2e.Inbox.op;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.gochat.connect.WsTestClient;
import io.gochat.testkit.EtcdExtension;
import io.gochat.testkit.Eventually;
import io.gochat.testkit.FreePorts;
import io.gochat.testkit.RedisExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults against the partitioned queue, with separate im.jar processes (slow: run with {@code -Pfaults}, see
 * the README): a connect server frozen with SIGSTOP for 30 s still gets, when it resumes, the room messages
 * sent meanwhile for its still-connected clients; three task processes keep every conversation's order and,
 * when one is killed with SIGKILL, another takes over its partitions and pending entries and nothing is lost.
 */
@Tag("faults")
class QueueFaultIT {
    @RegisterExtension
    static EtcdExtension etcd = new EtcdExtension();
    @RegisterExtension
    static RedisExtension redis = new RedisExtension();
    @TempDir
    Path dir;

    static final Path LOGS = Path.of("target", "fault-logs");
    static final Duration START = Duration.ofSeconds(90);
    static final Duration PAUSE = Duration.ofSeconds(30);

    private final List<AutoCloseable> resources = new ArrayList<>();

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
                "--db.url=jdbc:sqlite:" + dir.resolve("gochat.db"), "--registry.ttl=2s", "--rpc.timeout=10s",
                "--listen.host=127.0.0.1", "--rpc.host=127.0.0.1", "--limit.push.user=off", "--limit.push.ip=off",
                "--queue.partitions=8"));
        flags.addAll(List.of(extra));
        return keep(ImProcess.start(name, LOGS, module, flags));
    }

    /** Registers (or logs in); tried again while a loaded machine makes the password hashing time out. */
    private static String token(ApiClient api, String name) {
        return Eventually.awaitValue(START, "a token for " + name, () -> {
            try {
                return api.token(name);
            } catch (AssertionError busy) {
                return null;
            }
        });
    }

    private WsTestClient reader(ApiClient api, int wsPort, String name, long room) {
        String token = token(api, name);
        long id = api.userId(token);
        WsTestClient ws = keep(new WsTestClient(wsPort));
        ws.auth(token, room);
        Inbox inbox = new Inbox(name, ws.frames());
        inbox.await(START, name + " in the member list of room " + room,
                n -> n.path("op").asInt() == 5 && n.path("roomUserInfo").has(String.valueOf(id)));
        return ws;
    }

    private static void send(ApiClient api, String token, long room, String text) {
        JsonNode r = api.post("/push/pushRoom", "authToken", token, "msg", text, "roomId", room);
        assertEquals(0, r.get("code").asInt(), "accepted: " + r);
    }

    /** Room texts a client got, in arrival order, duplicates dropped (as clients do by msgId). */
    private static List<String> texts(Inbox inbox) {
        Set<String> out = new LinkedHashSet<>();
        inbox.received(op(3)).forEach(n -> out.add(n.path("msg").asText()));
        return new ArrayList<>(out);
    }

    @Test
    void aConnectServerPausedFor30SecondsGetsTheRoomMessagesForItsStillConnectedClientsWhenItResumes() throws Exception {
        int apiPort = FreePorts.next();
        int wsPort = FreePorts.next();
        ImProcess core = start("paused-core", "logic,task,api", "--api.port=" + apiPort, "--queue.retryWindow=60s");
        core.awaitStarted(START);
        ImProcess ws = start("ws-paused", "connect_ws", "--server.id=ws-paused", "--connect.ws.port=" + wsPort);
        ws.awaitStarted(START);
        ApiClient api = new ApiClient(apiPort);
        String sender = token(api, "pauser");
        WsTestClient client = reader(api, wsPort, "sleeper", 7);
        Inbox inbox = new Inbox("sleeper", client.frames());
        send(api, sender, 7, "before");
        Eventually.await(START, "the message before the pause", () -> texts(inbox).contains("before"));

        ws.pause();
        List<String> during = new ArrayList<>();
        long pausedAt = System.nanoTime();
        try {
            // messages keep coming while the server is frozen (its etcd lease lapses and presence drops it)
            Eventually.await(PAUSE.plusSeconds(30), "the pause to last " + PAUSE.toSeconds() + " s", () -> {
                String text = "during-" + during.size();
                send(api, sender, 7, text);
                during.add(text);
                return System.nanoTime() - pausedAt >= PAUSE.toNanos();
            });
        } finally {
            ws.resume();
        }
        assertTrue(during.size() >= 10, "messages were sent during the pause: " + during.size());
        Eventually.await(Duration.ofSeconds(60), () -> "every message of the pause arrived after it; missing "
                + missing(during, texts(inbox)), () -> missing(during, texts(inbox)).isEmpty());
        assertTrue(!client.closed(), "the client stayed connected through the pause");
        List<String> got = texts(inbox);
        assertEquals(during, got.subList(got.indexOf("during-0"), got.indexOf("during-0") + during.size()),
                "in the order they were sent");
    }

    @Test
    void threeTaskProcessesKeepEachRoomsOrderAndLoseNothingWhenOneIsKilled() throws Exception {
        int apiPort = FreePorts.next();
        int wsPort = FreePorts.next();
        ImProcess core = start("core", "logic,api,connect_ws", "--api.port=" + apiPort, "--connect.ws.port=" + wsPort,
                "--server.id=core");
        core.awaitStarted(START);
        List<ImProcess> tasks = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            tasks.add(start("task-" + i, "task", "--server.id=task-" + i));
        }
        for (ImProcess t : tasks) {
            t.awaitStarted(START);
        }
        // each of the three ends up with its share: 3 + 3 + 2 partitions
        Eventually.await(START, "every task consumes part of the queue", () -> tasks.stream()
                .allMatch(t -> t.lines().stream().anyMatch(l -> l.contains("now consumes the queue"))));

        ApiClient api = new ApiClient(apiPort);
        String sender = token(api, "orderer");
        int rooms = 6;
        Map<Long, Inbox> inboxes = new TreeMap<>();
        for (long room = 1; room <= rooms; room++) {
            WsTestClient c = reader(api, wsPort, "reader" + room, room);
            inboxes.put(room, new Inbox("reader" + room, c.frames()));
        }
        Map<Long, List<String>> sent = new TreeMap<>();
        int perRoom = 60;
        long takenBeforeKill = 0;
        for (int n = 0; n < perRoom; n++) {
            if (n == perRoom / 3) {
                takenBeforeKill = partitionsTaken(tasks.subList(1, 3));
                tasks.get(0).kill();   // SIGKILL mid-stream: its partitions and pending entries are taken over
            }
            for (long room = 1; room <= rooms; room++) {
                String text = "room" + room + "-" + n;
                send(api, sender, room, text);
                sent.computeIfAbsent(room, r -> new ArrayList<>()).add(text);
            }
        }
        Eventually.await(Duration.ofSeconds(60), () -> "every room message arrived; missing " + missingAll(sent, inboxes),
                () -> missingAll(sent, inboxes).isEmpty());
        for (long room = 1; room <= rooms; room++) {
            assertEquals(sent.get(room), texts(inboxes.get(room)), "room " + room + " in order (first arrivals)");
        }
        long before = takenBeforeKill;
        Eventually.await(START, "the survivors took the dead task's partitions over",
                () -> partitionsTaken(tasks.subList(1, 3)) > before);
    }

    private static long partitionsTaken(List<ImProcess> tasks) {
        return tasks.stream().flatMap(t -> t.lines().stream()).filter(l -> l.contains("now consumes the queue")).count();
    }

    private static List<String> missing(List<String> expected, List<String> got) {
        List<String> out = new ArrayList<>(expected);
        out.removeAll(got);
        return out;
    }

    private static Map<Long, List<String>> missingAll(Map<Long, List<String>> sent, Map<Long, Inbox> inboxes) {
        Map<Long, List<String>> out = new TreeMap<>();
        sent.forEach((room, texts) -> {
            List<String> m = missing(texts, texts(inboxes.get(room)));
            if (!m.isEmpty()) {
                out.put(room, m.size() > 5 ? List.of(m.size() + " e.g. " + m.get(0)) : m);
            }
        });
        return out;
    }
}
