package io.gochat.logic.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gochat.core.config.GochatConfig;
import io.gochat.protocol.Ops;
import io.gochat.redis.RedisConnector;
import io.gochat.redis.queue.MessageQueue;
import io.gochat.redis.queue.QueueKeys;
import io.gochat.redis.queue.QueueNotConfirmedException;
import io.gochat.redis.queue.ReplicaConfirmation;
import io.gochat.testkit.RedisSentinelExtension;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.UnifiedJedis;

/** {@code redis.replicas}: stored messages count as queued only once a replica holds them (WAIT). */
class ReplicaConfirmationTest {
    @RegisterExtension
    static RedisSentinelExtension sentinel = new RedisSentinelExtension();

    private static List<StoredMessage> batch(long firstId) {
        return List.of(new StoredMessage(firstId, "p:1:2", 1, 2, 0, Ops.SINGLE, "{\"msgId\":" + firstId + "}", 0),
                new StoredMessage(firstId + 1, "r:5", 1, 0, 5, Ops.ROOM, "{\"msgId\":" + (firstId + 1) + "}", 0));
    }

    @Test
    void aBatchTheReplicaConfirmedIsQueuedAndOneNeedingMoreReplicasThanThereAreIsNotWrittenAtAll() {
        try (UnifiedJedis redis = RedisConnector.open(GochatConfig.defaults().with("redis.url", sentinel.url()), 4)) {
            MessageQueue queue = new MessageQueue(redis, new QueueKeys("confirm", 2));
            new QueueAfterStore(redis, queue, new ReplicaConfirmation(redis, 1, 1000)).accept(batch(1));
            assertEquals(2, queue.length(), "confirmed by the one replica");

            QueueAfterStore tooMany = new QueueAfterStore(redis, queue, new ReplicaConfirmation(redis, 2, 200));
            assertThrows(QueueNotConfirmedException.class, () -> tooMany.accept(batch(3)));
            assertEquals(2, queue.length(), "with one replica online, redis.replicas=2 writes nothing (the outbox keeps it)");
        }
    }

    @Test
    void aBatchIsNotConfirmedWhileTheReplicaLagsBehindAndIsOnceItCatchesUp() throws Exception {
        try (UnifiedJedis redis = RedisConnector.open(GochatConfig.defaults().with("redis.url", sentinel.url()), 4)) {
            MessageQueue queue = new MessageQueue(redis, new QueueKeys("lag", 2));
            QueueAfterStore store = new QueueAfterStore(redis, queue, new ReplicaConfirmation(redis, 1, 300));
            sentinel.replicaLags(true);
            try {
                assertThrows(QueueNotConfirmedException.class, () -> store.accept(batch(10)),
                        "written on the primary, not on the replica within 300 ms: the outbox keeps it");
            } finally {
                sentinel.replicaLags(false);
            }
            store.accept(batch(12));
            assertEquals(4, queue.length(), "the replica caught up (what it got late included)");
        }
    }
}
