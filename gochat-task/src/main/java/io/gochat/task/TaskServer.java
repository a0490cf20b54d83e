package io.gochat.task;

import io.gochat.cluster.ClusterConfigKeys;
import io.gochat.redis.RedisConfigKeys;
import io.gochat.core.config.ConfigKeys;
import io.gochat.core.config.GochatConfig;
import io.gochat.cluster.ClusterRuntime;
import io.gochat.cluster.discovery.ClusterNode;
import io.gochat.cluster.discovery.Roles;
import io.gochat.cluster.discovery.ServerInfo;
import io.gochat.cluster.discovery.ServiceWatcher;
import io.gochat.core.lifecycle.Closer;
import io.gochat.core.lifecycle.ServerModule;
import io.gochat.redis.queue.QueueKeys;
import io.gochat.cluster.rpc.RpcClientPool;
import io.gochat.protocol.service.ConnectService;
import io.gochat.redis.RedisConnector;
import io.gochat.task.delivery.DeliveryLanes;
import io.gochat.task.delivery.RecipientRouter;
import io.gochat.task.delivery.TaskMetrics;
import io.gochat.task.queue.QueueConsumer;
import java.util.Map;
import redis.clients.jedis.JedisPool;

/**
 * {@code --module=task}: takes messages from the Redis queue and hands each to exactly the connect
 * servers that need it. At least once: a message leaves Redis only after its servers took it.
 */
public final class TaskServer implements ServerModule {
    static final int BATCH_SIZE = 256;
    static final int MAX_INFLIGHT_BATCHES = 16;

    private final GochatConfig config;
    private final ClusterRuntime shared;
    private volatile TaskMetrics metrics = new TaskMetrics();
    private final Closer closer = new Closer();
    private ClusterNode node;
    private QueueConsumer consumer;

    public TaskServer(GochatConfig config) {
        this(config, null);
    }

    /** @param shared the process's cluster runtime when it runs several modules; null = one of its own */
    public TaskServer(GochatConfig config, ClusterRuntime shared) {
        this.config = config;
        this.shared = shared;
    }

    @Override
    public void start() {
        node = closer.add((shared == null ? ClusterNode.join(config, Roles.TASK, "")
                : ClusterNode.join(shared, config, Roles.TASK, "")));
        JedisPool redis = closer.add(RedisConnector.open(config, 8, node.startup()));
        metrics = new TaskMetrics(node.metrics());
        QueueKeys queueKeys = new QueueKeys(config.string(RedisConfigKeys.QUEUE_NAME));
        metrics.queueLength(queueKeys.queue(), () -> {
            try (redis.clients.jedis.Jedis jedis = redis.getResource()) {
                return jedis.llen(queueKeys.queue());
            }
        });
        node.healthCheck("redis reachable", () -> {
            try (redis.clients.jedis.Jedis jedis = redis.getResource()) {
                return "PONG".equals(jedis.ping());
            }
        });
        ServiceWatcher connectWatcher = node.watch(Roles.CONNECT);
        RpcClientPool<ConnectService> connects = node.pool(Roles.CONNECT, ConnectService.class);
        connects.awaitReady(config.duration(ClusterConfigKeys.RPC_TIMEOUT));
        DeliveryLanes lanes = closer.add(new DeliveryLanes(connects, connectWatcher, metrics, BATCH_SIZE));
        node.register("", Map.of());   // before consuming: others must see us alive while we hold batches
        ServiceWatcher tasks = node.watch(Roles.TASK);
        long leaseMillis = config.duration(ClusterConfigKeys.REGISTRY_TTL).toMillis();
        consumer = new QueueConsumer(redis, queueKeys, node.serverId(),
                leaseMillis, BATCH_SIZE, MAX_INFLIGHT_BATCHES, new RecipientRouter(() -> connectWatcher.servers().keySet()), lanes, metrics,
                () -> tasks.servers().keySet());
        tasks.addListener(new ServiceWatcher.Listener() {
            @Override
            public void joined(ServerInfo server) {
            }

            @Override
            public void left(ServerInfo server) {
                consumer.taskLeft();
            }
        });
        closer.add(consumer);
        consumer.start();
    }

    public String serverId() {
        return node.serverId();
    }

    public TaskMetrics metrics() {
        return metrics;
    }

    public boolean consuming() {
        return consumer != null && consumer.isOwner();
    }

    @Override
    public void close() {
        closer.close();
        metrics.close();
    }
}
