package io.gochat.task.delivery;

import io.gochat.cluster.discovery.ServerInfo;
import io.gochat.cluster.discovery.ServiceWatcher;
import io.gochat.cluster.rpc.RpcClientPool;
import io.gochat.protocol.service.ConnectService;
import io.gochat.protocol.service.Delivery;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** One {@link ServerLane} per live connect server; fan-out to servers is parallel, per server ordered. */
public final class DeliveryLanes implements ServiceWatcher.Listener, AutoCloseable {
    private final RpcClientPool<ConnectService> connects;
    private final ServiceWatcher watcher;
    private final TaskMetrics metrics;
    private final int maxBatch;
    private final Map<String, ServerLane> lanes = new ConcurrentHashMap<>();
    private final Map<String, io.micrometer.core.instrument.Meter> depthGauges = new ConcurrentHashMap<>();
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "delivery-lanes");
        t.setDaemon(true);
        return t;
    });

    public DeliveryLanes(RpcClientPool<ConnectService> connects, ServiceWatcher watcher, TaskMetrics metrics,
                         int maxBatch) {
        this.connects = connects;
        this.watcher = watcher;
        this.metrics = metrics;
        this.maxBatch = maxBatch;
        watcher.addListener(this);
    }

    public CompletableFuture<Boolean> submit(String serverId, Delivery delivery) {
        if (!watcher.servers().containsKey(serverId)) {
            metrics.undeliverable.increment();
            return CompletableFuture.completedFuture(false);
        }
        ServerLane lane = lanes.computeIfAbsent(serverId, id -> {
            ServerLane l = new ServerLane(id, () -> connects.byServerId(id), retries, maxBatch, metrics);
            depthGauges.put(id, metrics.laneOpened(id, l));
            return l;
        });
        return lane.submit(delivery);
    }

    @Override
    public void joined(ServerInfo server) {
        // lanes are made on first use
    }

    @Override
    public void left(ServerInfo server) {
        ServerLane lane = lanes.remove(server.serverId());
        if (lane != null) {
            lane.close();
        }
        io.micrometer.core.instrument.Meter gauge = depthGauges.remove(server.serverId());
        if (gauge != null) {
            metrics.laneClosed(gauge);
        }
    }

    @Override
    public void close() {
        watcher.removeListener(this);
        lanes.values().forEach(ServerLane::close);
        retries.shutdownNow();
    }
}
