package io.gochat.task;

import io.gochat.cluster.ClusterConfigKeys;
import io.gochat.redis.RedisConfigKeys;
import io.gochat.core.config.ConfigKeys;
import io.gochat.core.config.GochatConfig;
import io.gochat.cluster.ClusterRuntime;
import io.gochat.cluster.discovery.ClusterNode;
import io.gochat.cluster.discovery.Roles;
import io.gochat.cluster.discovery.ServiceWatcher;
import io.gochat.core.lifecycle.Closer;
import io.gochat.core.lifecycle.ServerModule;
import io.gochat.redis.queue.QueueKeys;
import io.gochat.cluster.rpc.RpcClientPool;
import io.gochat.protocol.service.ConnectService;
import io.gochat.redis.RedisConnector;
import io.gochat.task.delivery.DeliveryLanes;
import io.gochat.task.delivery.RecipientRouter;
import io.gochat.task.delivery.RouteGoneCheck;
import io.gochat.task.queue.QueueStats;
import io.gochat.task.queue.LegacyListDrain;
import io.gochat.task.delivery.TaskMetrics;
import io.gochat.task.queue.QueueConsumer;
import java.util.Map;
import redis.clients.jedis.UnifiedJedis;

/**
 * {@code --module=task}: consumes its share of the queue's partitions (Redis streams) and hands each message
 * to exactly the connect servers that need it. At least once: an entry is acknowledged only after every
 * server concerned took it, or its recipient is provably gone, or it was kept as a dead letter.
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
        UnifiedJedis redis = closer.add(RedisConnector.open(config, 8, node.startup()));
        metrics = new TaskMetrics(node.metrics());
        QueueKeys queueKeys = new QueueKeys(config.string(RedisConfigKeys.QUEUE_NAME),
                config.integer(RedisConfigKeys.QUEUE_PARTITIONS));
        LegacyListDrain.drain(redis, queueKeys);   // an upgrade from the list queue loses nothing
        QueueStats stats = new QueueStats(redis, queueKeys);
        for (int p = 0; p < queueKeys.partitions(); p++) {
            int partition = p;
            metrics.partition(p, () -> stats.get()[partition][0], () -> stats.get()[partition][1],
                    () -> stats.get()[partition][2]);
        }
        node.healthCheck("redis reachable", () -> {
            return "PONG".equals(redis.ping());
        });
        ServiceWatcher connectWatcher = node.watch(Roles.CONNECT);
        RpcClientPool<ConnectService> connects = node.pool(Roles.CONNECT, ConnectService.class);
        connects.awaitReady(config.duration(ClusterConfigKeys.RPC_TIMEOUT));
        long retryWindow = config.duration(RedisConfigKeys.QUEUE_RETRY_WINDOW).toMillis();
        DeliveryLanes lanes = closer.add(new DeliveryLanes(connects, connectWatcher, metrics, BATCH_SIZE, retryWindow,
                new RouteGoneCheck(redis, connectWatcher)));
        node.register("", Map.of());   // before consuming: others must see us alive while we hold partitions
        ServiceWatcher tasks = node.watch(Roles.TASK);
        long leaseMillis = config.duration(ClusterConfigKeys.REGISTRY_TTL).toMillis();
        consumer = new QueueConsumer(redis, queueKeys, node.serverId(), leaseMillis, BATCH_SIZE, MAX_INFLIGHT_BATCHES,
                retryWindow, config.duration(RedisConfigKeys.QUEUE_RETENTION).toMillis(), new RecipientRouter(retryWindow,
                        id -> connectWatcher.servers().containsKey(id), () -> connectWatcher.servers().keySet()), lanes,
                metrics, () -> tasks.servers().keySet());
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

    /** The partitions this task consumes now. */
    public java.util.List<Integer> partitions() {
        return consumer == null ? java.util.List.of() : consumer.partitions();
    }

    @Override
    public void close() {
        closer.close();
        metrics.close();
    }
}
