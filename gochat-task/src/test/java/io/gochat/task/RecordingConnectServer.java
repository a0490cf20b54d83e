package io.gochat.task;

import io.gochat.common.config.GochatConfig;
import io.gochat.common.discovery.ClusterNode;
import io.gochat.common.discovery.Roles;
import io.gochat.common.service.ConnectService;
import io.gochat.common.service.Delivery;
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
    public CompletableFuture<Integer> pushToUser(long userId, String body) {
        return deliver(List.of(Delivery.toUser(userId, body)));
    }

    @Override
    public CompletableFuture<Integer> pushToRoom(long roomId, String body) {
        return deliver(List.of(Delivery.toRoom(roomId, body)));
    }

    @Override
    public CompletableFuture<Integer> closeSession(long userId, int tokenHash) {
        return CompletableFuture.completedFuture(0);
    }

    @Override
    public CompletableFuture<Integer> roomCount(long roomId) {
        return CompletableFuture.completedFuture(0);
    }

    @Override
    public CompletableFuture<Map<Long, String>> roomInfo(long roomId) {
        return CompletableFuture.completedFuture(Map.of());
    }

    /** Leaves as a crashed process would: still listed in etcd until the lease runs out, but not answering. */
    void crash() {
        node.abandonRegistration();
        node.rpc().close();
    }

    @Override
    public void close() {
        node.close();
    }
}
