package io.gochat.cluster.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gochat.cluster.discovery.EtcdConnection;
import io.gochat.cluster.discovery.ServiceWatcher;
import io.gochat.testkit.ChildJvm;
import io.gochat.testkit.EtcdExtension;
import io.gochat.testkit.Eventually;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** One process finds others through etcd, calls them over Dubbo, and notices when they are killed. */
class RpcDiscoveryTest {
    @RegisterExtension
    static EtcdExtension etcd = new EtcdExtension();

    static EtcdConnection connection;
    static RpcRuntime rpc;

    @BeforeAll
    static void startClient() {
        connection = EtcdConnection.connect(List.of(etcd.endpoints()), Duration.ofSeconds(3),
                new io.gochat.core.lifecycle.StartupWait(Duration.ofSeconds(30)));
        rpc = new RpcRuntime("echo-client", Duration.ofSeconds(3), 0);
    }

    @AfterAll
    static void stopClient() {
        rpc.close();
        connection.close();
    }

    @Test
    void aServerFoundInEtcdIsCalledOverDubboAndVanishesWhenKilled() {
        try (ServiceWatcher watcher = ServiceWatcher.start(connection, "echo");
             RpcClientPool<EchoService> pool = new RpcClientPool<>(rpc, watcher, EchoService.class);
             ChildJvm a = ChildJvm.start(EchoServerMain.class, etcd.endpoints(), "echo-a");
             ChildJvm b = ChildJvm.start(EchoServerMain.class, etcd.endpoints(), "echo-b")) {
            a.awaitLine("READY", Duration.ofSeconds(90));
            b.awaitLine("READY", Duration.ofSeconds(90));
            Eventually.await(Duration.ofSeconds(10), "both servers in the pool", () -> pool.targets().size() == 2);

            assertEquals("echo-a", pool.byServerId("echo-a").orElseThrow().whoAreYou());
            assertEquals("echo-b:hi", pool.byServerId("echo-b").orElseThrow().echo("hi").join());
            // a refusal ("busy, retry") crosses as the JDK's RejectedExecutionException, at once: Dubbo's strict
            // serialization check used to refuse that undeclared class, so the caller waited for its call timeout
            long asked = System.nanoTime();
            java.util.concurrent.CompletionException refused = assertThrows(java.util.concurrent.CompletionException.class,
                    () -> pool.byServerId("echo-a").orElseThrow().echo("overloaded").join());
            assertTrue(refused.getCause() instanceof java.util.concurrent.RejectedExecutionException
                    && refused.getCause().getMessage().equals("too many requests, retry in 1 s"), refused.toString());
            assertTrue(System.nanoTime() - asked < Duration.ofSeconds(2).toNanos(), "answered before the 3 s call timeout");
            Set<String> answered = new HashSet<>();
            for (int i = 0; i < 10; i++) {
                answered.add(pool.callAnyBlocking(s -> s.echo("x")));
            }
            assertEquals(Set.of("echo-a:x", "echo-b:x"), answered, "calls are spread over both servers");

            a.kill();
            // Until the lease expires echo-a is still listed; calls must fail over to echo-b meanwhile.
            for (int i = 0; i < 10; i++) {
                assertEquals("echo-b:y", pool.callAnyBlocking(s -> s.echo("y")));
            }
            Eventually.await(Duration.ofSeconds(8), "echo-a removed from etcd after its TTL",
                    () -> !watcher.servers().containsKey("echo-a"));
            Eventually.await(Duration.ofSeconds(10), "echo-a's reference destroyed",
                    () -> pool.byServerId("echo-a").isEmpty());
            assertEquals(1, pool.targets().size());

            b.kill();
            Eventually.await(Duration.ofSeconds(8), "echo-b removed", () -> pool.targets().isEmpty());
            NoServerException none = assertThrows(NoServerException.class, () -> pool.callAnyBlocking(s -> s.echo("z")));
            assertTrue(none.getMessage().contains("no live echo server"), none.getMessage());
        }
    }
}
