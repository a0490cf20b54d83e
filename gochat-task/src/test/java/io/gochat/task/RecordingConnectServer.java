package io.gochat.task;

import io.gochat.core.config.GochatConfig;
import io.gochat.cluster.discovery.ClusterNode;
import io.gochat.cluster.discovery.Roles;
import io.gochat.protocol.service.ConnectService;
import io.gochat.protocol.service.Delivery;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A connect server for task tests: real Dubbo, really registered in etcd, but instead of sockets it
 * records what it was asked to deliver. {@code delayMillis} makes it a slow server.
 */
final class RecordingConnectServer implements ConnectService, AutoCloseable {
    final List<Delivery> received = new CopyOnWriteArrayList<>();
    private final ClusterNode node;
    volatile long delayMillis;

    RecordingConnectServer(GochatConfig config, String serverId) {
        node = ClusterNode.join(config.with("server.id", serverId), Roles.CONNECT, "ws");
        node.export(ConnectService.class, this);
        node.register("ws", Map.of("ws", 0));
    }

    String serverId() {
        return node.serverId();
    }

    List<String> bodies() {
        return received.stream().map(Delivery::body).toList();
    }

    @Override
    public CompletableFuture<Integer> deliver(List<Delivery> deliveries) {
        if (delayMillis > 0) {
            return CompletableFuture.supplyAsync(() -> {
                pause(delayMillis);
                received.addAll(deliveries);
                return deliveries.size();
            });
        }
        received.addAll(deliveries);
        return CompletableFuture.completedFuture(deliveries.size());
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);   // simulates a slow server, not a test wait
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public CompletableFuture<Integer> closeSession(long userId, int tokenHash) {
        return CompletableFuture.completedFuture(0);
    }

    @Override
    public CompletableFuture<Integer> closeUser(long userId, String reason) {
        return CompletableFuture.completedFuture(0);
    }

    /** Leaves as a crashed process would: still listed in etcd until the lease runs out, but not answering. */
    void crash() {
        node.abandonRegistration();
        node.runtime().rpc().close();
    }

    @Override
    public void close() {
        node.close();
    }
}
