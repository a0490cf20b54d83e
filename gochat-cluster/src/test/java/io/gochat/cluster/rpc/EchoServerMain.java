package io.gochat.cluster.rpc;

import io.gochat.cluster.discovery.EtcdConnection;
import io.gochat.cluster.discovery.ServerInfo;
import io.gochat.cluster.discovery.ServiceRegistration;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

/** Child-JVM fixture: exports {@link EchoService}, registers in etcd, prints READY and waits to be killed. */
public final class EchoServerMain {
    public static void main(String[] args) throws Exception {
        String endpoints = args[0];
        String serverId = args[1];
        RpcRuntime rpc = new RpcRuntime("echo", Duration.ofSeconds(3), 0);
        rpc.export(EchoService.class, serverId, new EchoService() {
            @Override
            public String whoAreYou() {
                return serverId;
            }

            @Override
            public CompletableFuture<String> echo(String text) {
                if (text.equals("overloaded")) {   // as logic's BlockingWork refuses work when its queue is full
                    return CompletableFuture.failedFuture(
                            new java.util.concurrent.RejectedExecutionException("too many requests, retry in 1 s"));
                }
                return CompletableFuture.completedFuture(serverId + ":" + text);
            }
        });
        EtcdConnection etcd = EtcdConnection.connect(List.of(endpoints), Duration.ofSeconds(3),
                new io.gochat.core.lifecycle.StartupWait(Duration.ofSeconds(30)));
        ServiceRegistration.register(etcd, new ServerInfo(serverId, "echo", "127.0.0.1", rpc.port(), "", Map.of()),
                Duration.ofSeconds(2));
        System.out.println("READY " + rpc.port());
        new CountDownLatch(1).await();
    }
}
