package io.gochat.task;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gochat.core.config.GochatConfig;
import io.gochat.core.json.Json;
import io.gochat.protocol.Ops;
import io.gochat.redis.KeyLayout;
import io.gochat.redis.RedisConnector;
import io.gochat.redis.UserRoutes;
import io.gochat.redis.queue.MessageQueue;
import io.gochat.redis.queue.QueueKeys;
import io.gochat.redis.queue.QueuedMessage;
import io.gochat.testkit.EtcdExtension;
import io.gochat.testkit.Eventually;
import io.gochat.testkit.RedisClusterExtension;
import io.gochat.testkit.RedisSentinelExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.UnifiedJedis;

/** The queue from logic to task on the two other shapes {@code redis.url} takes: behind Sentinels, and a Cluster. */
class RedisTopologiesTest {
    @RegisterExtension
    static EtcdExtension etcd = new EtcdExtension();
    @RegisterExtension
    static RedisSentinelExtension sentinel = new RedisSentinelExtension();
    @RegisterExtension
    static RedisClusterExtension cluster = new RedisClusterExtension();

    private static final Duration WAIT = Duration.ofSeconds(20);

    @AfterAll
    static void plainLayoutAgain() {
        KeyLayout.use(false);   // the next test classes of this JVM run on one server
    }

    @Test
    void messagesQueuedThroughSentinelsReachTheirRecipientsInOrder() throws Exception {
        roundTrip(sentinel.url(), "qs");
    }

    @Test
    void messagesQueuedOnARedisClusterReachTheirRecipientsInOrderFromEveryPartition() throws Exception {
        roundTrip(cluster.url(), "qc");
    }

    private static void roundTrip(String url, String queueName) throws Exception {
        GochatConfig config = GochatConfig.defaults()
                .with("etcd.endpoints", etcd.endpoints())
                .with("redis.url", url)
                .with("registry.ttl", "2s")
                .with("rpc.timeout", "2s")
                .with("queue.name", queueName)
                .with("queue.partitions", 4);
        QueueKeys keys = new QueueKeys(queueName, 4);
        try (UnifiedJedis redis = RedisConnector.open(config, 4);
             RecordingConnectServer connect = new RecordingConnectServer(config, "conn-" + queueName);
             TaskServer task = new TaskServer(config)) {
            MessageQueue queue = new MessageQueue(redis, keys, 1000);
            List<Long> users = List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
            users.forEach(u -> redis.hset(UserRoutes.key(u), "conn-" + queueName, "1"));
            task.start();
            List<QueuedMessage> batch = new ArrayList<>();
            for (long id = 1; id <= 80; id++) {
                long to = users.get((int) (id % users.size()));
                QueuedMessage m = new QueuedMessage(Ops.SINGLE, id, to, 0, "{\"msgId\":" + id + ",\"to\":" + to + "}");
                if (id <= 40) {
                    queue.push(m);   // one at a time
                } else {
                    batch.add(m);
                }
            }
            queue.pushAll(batch);   // one pipeline over every partition
            Eventually.await(WAIT, () -> "80 delivered: " + connect.received.size(), () -> connect.received.size() >= 80);
            Map<Long, List<Long>> perUser = new HashMap<>();
            for (String body : connect.bodies()) {
                Map<?, ?> b = Json.read(body, Map.class);
                perUser.computeIfAbsent(((Number) b.get("to")).longValue(), k -> new ArrayList<>())
                        .add(((Number) b.get("msgId")).longValue());
            }
            assertEquals(80, connect.received.size(), "each message once");
            perUser.forEach((user, ids) -> assertEquals(ids.stream().sorted().toList(), ids,
                    "user " + user + "'s messages in the order they were queued"));
            Eventually.await(WAIT, () -> "the partitions trimmed of what was delivered: " + queue.length(),
                    () -> queue.length() == 0);
        }
    }
}
