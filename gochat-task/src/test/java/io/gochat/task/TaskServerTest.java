package io.gochat.task;

import io.gochat.task.delivery.TaskMetrics;
import io.gochat.redis.RoomRoutes;
import io.gochat.redis.UserRoutes;
import io.gochat.redis.RedisConfigKeys;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gochat.core.config.GochatConfig;
import io.gochat.core.json.Json;
import io.gochat.protocol.Ops;
import io.gochat.redis.queue.MessageQueue;
import io.gochat.redis.queue.QueueKeys;
import io.gochat.redis.queue.QueuedMessage;
import io.gochat.protocol.service.Delivery;
import io.gochat.redis.RedisConnector;
import io.gochat.testkit.ChildJvm;
import io.gochat.testkit.EtcdExtension;
import io.gochat.testkit.Eventually;
import io.gochat.testkit.RedisExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;

class TaskServerTest {
    @RegisterExtension
    static EtcdExtension etcd = new EtcdExtension();
    @RegisterExtension
    static RedisExtension redis = new RedisExtension();

    private static final AtomicInteger QUEUES = new AtomicInteger();
    private static final Duration WAIT = Duration.ofSeconds(15);

    private GochatConfig config;
    private JedisPool pool;
    private MessageQueue queue;
    private final List<AutoCloseable> resources = new ArrayList<>();

    @BeforeEach
    void setUp() {
        redis.flushAll();
        config = GochatConfig.defaults()
                .with("etcd.endpoints", etcd.endpoints())
                .with("redis.url", redis.url())
                .with("registry.ttl", "2s")
                .with("rpc.timeout", "2s")
                .with("queue.name", "q" + QUEUES.incrementAndGet());
        pool = RedisConnector.open(config, 4);
        queue = new MessageQueue(pool, new QueueKeys(config.string(RedisConfigKeys.QUEUE_NAME)));
    }

    @AfterEach
    void tearDown() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
        pool.close();
    }

    private <T extends AutoCloseable> T keep(T resource) {
        resources.add(resource);
        return resource;
    }

    private RecordingConnectServer connect(String id) {
        return keep(new RecordingConnectServer(config, id));
    }

    private TaskServer task() {
        TaskServer task = keep(new TaskServer(config));
        task.start();
        return task;
    }

    private void route(long userId, String serverId) {
        try (Jedis j = pool.getResource()) {
            j.hset(UserRoutes.key(userId), serverId, "1");
        }
    }

    /** What presence records when a connection on {@code serverId} joins the room. */
    private void roomMember(long roomId, String serverId) {
        try (Jedis j = pool.getResource()) {
            j.hset(RoomRoutes.key(roomId), serverId, "1");
        }
    }

    private static QueuedMessage privateMsg(long id, long to) {
        return new QueuedMessage(Ops.SINGLE, id, to, 0, "{\"msgId\":" + id + "}");
    }

    private static QueuedMessage roomMsg(long id, long room) {
        return new QueuedMessage(Ops.ROOM, id, 0, room, "{\"msgId\":" + id + "}");
    }

    private static Set<Long> ids(RecordingConnectServer server) {
        Set<Long> ids = new HashSet<>();
        server.bodies().forEach(b -> ids.add(Json.MAPPER.convertValue(Json.read(b, java.util.Map.class).get("msgId"), Long.class)));
        return ids;
    }

    @Test
    void aPrivateMessageGoesOnlyToTheServersHoldingTheRecipientAndARoomMessageToTheServersWithMembers() {
        RecordingConnectServer a = connect("conn-a");
        RecordingConnectServer b = connect("conn-b");
        RecordingConnectServer empty = connect("conn-empty");
        route(7, "conn-a");
        roomMember(1, "conn-a");
        roomMember(1, "conn-b");
        roomMember(2, "conn-empty");
        task();

        queue.push(privateMsg(1, 7));
        queue.push(roomMsg(2, 1));
        queue.push(roomMsg(3, 2));

        Eventually.await(WAIT, () -> "a got both, has " + a.received, () -> a.received.size() == 2);
        Eventually.await(WAIT, "b got the room message", () -> b.received.size() == 1);
        Eventually.await(WAIT, "the other room's server got its message", () -> empty.received.size() == 1);
        assertEquals(Delivery.toUser(7, "{\"msgId\":1}"), a.received.get(0));
        assertEquals(Delivery.toRoom(1, "{\"msgId\":2}"), b.received.get(0));
        assertEquals(List.of(Delivery.toRoom(2, "{\"msgId\":3}")), empty.received,
                "a server without members of room 1 is not called for it");
        Eventually.await(WAIT, "the queue is drained", () -> queue.length() == 0);
    }

    @Test
    void messagesToOneUserKeepTheirOrder() {
        RecordingConnectServer a = connect("conn-order");
        route(8, "conn-order");
        task();
        List<QueuedMessage> sent = IntStream.rangeClosed(1, 1000).mapToObj(i -> privateMsg(i, 8)).toList();
        for (int i = 0; i < sent.size(); i += 100) {
            queue.pushAll(sent.subList(i, i + 100));
        }
        Eventually.await(WAIT, "all 1000 delivered", () -> a.received.size() == 1000);
        assertEquals(sent.stream().map(QueuedMessage::body).toList(), a.bodies());
    }

    @Test
    void aMessageToANeverConnectedUserIsCountedAndTrafficGoesOn() {
        RecordingConnectServer a = connect("conn-n");
        route(9, "conn-n");
        TaskServer task = task();
        queue.push(privateMsg(1, 424242));
        queue.push(privateMsg(2, 9));
        Eventually.await(WAIT, "the message to a connected user arrives", () -> a.received.size() == 1);
        assertEquals(Set.of(2L), ids(a));
        assertTrue(TaskMetrics.count(task.metrics().undeliverable) >= 1, task.metrics().toString());
    }

    @Test
    void aMalformedQueueEntryIsSkippedAndCounted() {
        RecordingConnectServer a = connect("conn-m");
        route(10, "conn-m");
        TaskServer task = task();
        try (Jedis j = pool.getResource()) {
            j.lpush(config.string(RedisConfigKeys.QUEUE_NAME), "{not json");
        }
        queue.push(privateMsg(5, 10));
        Eventually.await(WAIT, "the good message arrives", () -> a.received.size() == 1);
        assertEquals(1, TaskMetrics.count(task.metrics().malformed));
    }

    @Test
    void aDeadConnectServerDoesNotStallTheOthers() {
        RecordingConnectServer dead = connect("conn-dead");
        RecordingConnectServer alive = connect("conn-alive");
        roomMember(1, "conn-dead");
        roomMember(1, "conn-alive");
        TaskServer task = task();
        dead.crash();   // still listed in etcd for its TTL, but calls to it fail
        long start = System.nanoTime();
        for (int i = 1; i <= 200; i++) {
            queue.push(roomMsg(i, 1));
        }
        Eventually.await(WAIT, "the live server got all 200", () -> alive.received.size() == 200);
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertTrue(ms < 10_000, "took " + ms + " ms");
        Eventually.await(WAIT, "nothing left in the queue", () -> queue.length() == 0);
        // the lane counts a batch once the server's answer is back, just after the server recorded it
        Eventually.await(WAIT, () -> "task counted the deliveries: " + task.metrics(),
                () -> TaskMetrics.count(task.metrics().delivered) >= 200);
    }

    @Test
    void onlyOneTaskConsumesAndAStandbyTakesOverWhenItStops() {
        RecordingConnectServer a = connect("conn-s");
        route(11, "conn-s");
        TaskServer first = task();
        TaskServer second = task();
        Eventually.await(WAIT, "one of them consumes", () -> first.consuming() || second.consuming());
        assertTrue(first.consuming() != second.consuming(), "exactly one consumes");
        TaskServer owner = first.consuming() ? first : second;
        TaskServer standby = owner == first ? second : first;

        queue.push(privateMsg(1, 11));
        Eventually.await(WAIT, "first message", () -> a.received.size() == 1);
        owner.close();
        queue.push(privateMsg(2, 11));
        Eventually.await(WAIT, "the standby took over", standby::consuming);
        Eventually.await(WAIT, "second message", () -> a.received.size() == 2);
    }

    @Test
    void aTaskKilledMidStreamLosesNoMessage() throws Exception {
        RecordingConnectServer a = connect("conn-k");
        a.delayMillis = 20;   // keeps batches in flight when the task dies
        route(12, "conn-k");
        List<String> args = new ArrayList<>();
        config.asMap().forEach((k, v) -> args.add(k + "=" + v));
        int total = 3000;
        try (ChildJvm doomed = ChildJvm.start(TaskMain.class, args.toArray(String[]::new))) {
            doomed.awaitLine("READY", Duration.ofSeconds(30));
            for (int i = 1; i <= total; i += 100) {
                int from = i;
                queue.pushAll(IntStream.range(from, from + 100).mapToObj(n -> privateMsg(n, 12)).toList());
            }
            Eventually.await(WAIT, "some delivered before the kill", () -> a.received.size() >= 200);
            doomed.kill();
        }
        int before = a.received.size();
        assertTrue(before < total, "the kill happened mid-stream (" + before + " of " + total + ")");
        a.delayMillis = 0;
        task();   // takes over after the dead task's lease, requeues its in-flight batches
        Eventually.await(Duration.ofSeconds(30), "every message delivered at least once",
                () -> ids(a).size() == total);
        Set<Long> expected = new HashSet<>();
        for (long i = 1; i < total + 1; i++) {
            expected.add(i);
        }
        assertEquals(expected, ids(a));
    }
}
