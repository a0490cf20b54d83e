package io.gochat.task.delivery;

import io.gochat.cluster.discovery.ServiceWatcher;
import io.gochat.cluster.rpc.RpcClientPool;
import io.gochat.protocol.service.ConnectService;
import io.gochat.protocol.service.Delivery;
import io.micrometer.core.instrument.Meter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One {@link ServerLane} per connect server that has deliveries; fan-out to servers is parallel, per server
 * ordered. A lane outlives its server's etcd entry for the retry window (a paused server comes back under
 * the same id); idle lanes of servers that are gone are dropped now and then.
 */
public final class DeliveryLanes implements AutoCloseable {
    private final RpcClientPool<ConnectService> connects;
    private final ServiceWatcher watcher;
    private final TaskMetrics metrics;
    private final int maxBatch;
    private final long windowMillis;
    private final GoneCheck goneCheck;
    private final Map<String, ServerLane> lanes = new ConcurrentHashMap<>();
    private final Map<String, Meter> depthGauges = new ConcurrentHashMap<>();
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "delivery-lanes");
        t.setDaemon(true);
        return t;
    });

    public DeliveryLanes(RpcClientPool<ConnectService> connects, ServiceWatcher watcher, TaskMetrics metrics,
                         int maxBatch, long windowMillis, GoneCheck goneCheck) {
        this.connects = connects;
        this.watcher = watcher;
        this.metrics = metrics;
        this.maxBatch = maxBatch;
        this.windowMillis = windowMillis;
        this.goneCheck = goneCheck;
        retries.scheduleWithFixedDelay(this::dropIdleLanesOfGoneServers, 10, 10, TimeUnit.SECONDS);
    }

    public Part submit(String serverId, Delivery delivery) {
        ServerLane lane = lanes.computeIfAbsent(serverId, id -> {
            ServerLane l = new ServerLane(id, () -> connects.byServerId(id), retries, maxBatch, windowMillis,
                    goneCheck, metrics);
            depthGauges.put(id, metrics.laneOpened(id, l));
            return l;
        });
        return lane.submit(delivery);
    }

    private void dropIdleLanesOfGoneServers() {
        for (Map.Entry<String, ServerLane> e : lanes.entrySet()) {
            String id = e.getKey();
            if (!watcher.servers().containsKey(id) && e.getValue().idle() && lanes.remove(id, e.getValue())) {
                Meter gauge = depthGauges.remove(id);
                if (gauge != null) {
                    metrics.laneClosed(gauge);
                }
            }
        }
    }

    @Override
    public void close() {
        retries.shutdownNow();
        depthGauges.values().forEach(metrics::laneClosed);
        depthGauges.clear();
    }
}
