package io.gochat.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gochat.cluster.discovery.ClusterNode;
import io.gochat.cluster.rpc.EchoService;
import io.gochat.cluster.rpc.RpcClientPool;
import io.gochat.core.config.GochatConfig;
import io.gochat.testkit.EtcdExtension;
import io.gochat.testkit.Eventually;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Modules sharing one runtime call each other directly; modules of other runtimes over Dubbo. */
class ClusterRuntimeTest {
    @RegisterExtension
    static EtcdExtension etcd = new EtcdExtension();

    private static final Duration WAIT = Duration.ofSeconds(10);

    private static GochatConfig config() {
        return GochatConfig.defaults().with("etcd.endpoints", etcd.endpoints()).with("registry.ttl", "2s")
                .with("rpc.timeout", "1s");
    }

    /** An echo server that answers with its own id, or never when told to hang. */
    private record Echo(String id, boolean hang) implements EchoService {
        @Override
        public String whoAreYou() {
            return id;
        }

        @Override
        public CompletableFuture<String> echo(String text) {
            return hang ? new CompletableFuture<>() : CompletableFuture.completedFuture(id + ":" + text);
        }
    }

    private static ClusterNode serve(ClusterRuntime runtime, String role, String id, boolean hang) {
        ClusterNode node = ClusterNode.join(runtime, config().with("server.id", id), role, "");
        node.export(EchoService.class, new Echo(id, hang));
        node.register("", Map.of());
        return node;
    }

    @Test
    void aServerInTheSameProcessIsCalledDirectlyAndOneElsewhereOverDubbo() {
        try (ClusterRuntime process = ClusterRuntime.create(config(), "all");
             ClusterRuntime otherProcess = ClusterRuntime.create(config(), "other");
             ClusterNode local = serve(process, "echo-mix", "near", false);
             ClusterNode remote = serve(otherProcess, "echo-mix", "far", false);
             ClusterNode caller = ClusterNode.join(process, config(), "caller", "")) {
            RpcClientPool<EchoService> pool = caller.pool("echo-mix", EchoService.class);
            Eventually.await(WAIT, "both servers in the pool", () -> pool.targets().size() == 2);

            Map<String, Boolean> inProcess = new java.util.HashMap<>();
            pool.targets().forEach(t -> inProcess.put(t.info().serverId(), t.inProcess()));
            assertEquals(Map.of("near", true, "far", false), inProcess);
            assertEquals("near:a", pool.byServerId("near").orElseThrow().echo("a").join());
            assertEquals("far:b", pool.byServerId("far").orElseThrow().echo("b").join());
        }
    }

    @Test
    void twoServersOfOneInterfaceShareTheProcessRpcPortAndAreToldApartByServerId() {
        try (ClusterRuntime process = ClusterRuntime.create(config(), "all");
             ClusterRuntime caller = ClusterRuntime.create(config(), "caller");
             ClusterNode a = serve(process, "echo-two", "ws-a", false);
             ClusterNode b = serve(process, "echo-two", "ws-b", false);
             ClusterNode remoteCaller = ClusterNode.join(caller, config(), "caller", "")) {
            RpcClientPool<EchoService> pool = remoteCaller.pool("echo-two", EchoService.class);
            Eventually.await(WAIT, "both servers in the pool", () -> pool.targets().size() == 2);

            assertEquals(1, pool.targets().stream().map(t -> t.info().rpcPort()).distinct().count(),
                    "one RPC port for the whole process");
            assertTrue(pool.targets().stream().noneMatch(RpcClientPool.Target::inProcess));
            assertEquals("ws-a:x", pool.byServerId("ws-a").orElseThrow().echo("x").join(),
                    "exported after Dubbo had started, and told apart by group");
            assertEquals("ws-b:x", pool.byServerId("ws-b").orElseThrow().echo("x").join());
        }
    }

    @Test
    void anInProcessCallThatNeverAnswersTimesOutLikeAnRpc() {
        try (ClusterRuntime process = ClusterRuntime.create(config(), "all");
             ClusterNode stuck = serve(process, "echo-stuck", "stuck", true);
             ClusterNode caller = ClusterNode.join(process, config(), "caller", "")) {
            RpcClientPool<EchoService> pool = caller.pool("echo-stuck", EchoService.class);
            Eventually.await(WAIT, "the server in the pool", () -> pool.targets().size() == 1);
            assertTrue(pool.targets().get(0).inProcess());

            CompletionException e = assertThrows(CompletionException.class,
                    () -> pool.byServerId("stuck").orElseThrow().echo("x").join());
            assertInstanceOf(TimeoutException.class, e.getCause());
        }
    }

    @Test
    void aFailureInAnInProcessServiceIsAFailedFutureNotAThrow() {
        try (ClusterRuntime process = ClusterRuntime.create(config(), "all");
             ClusterNode caller = ClusterNode.join(process, config(), "caller", "")) {
            ClusterNode broken = ClusterNode.join(process, config().with("server.id", "broken"), "echo-broken", "");
            broken.export(EchoService.class, new EchoService() {
                @Override
                public String whoAreYou() {
                    throw new IllegalStateException("no name");
                }

                @Override
                public CompletableFuture<String> echo(String text) {
                    throw new IllegalArgumentException("bad text");
                }
            });
            broken.register("", Map.of());
            RpcClientPool<EchoService> pool = caller.pool("echo-broken", EchoService.class);
            Eventually.await(WAIT, "the server in the pool", () -> pool.targets().size() == 1);
            EchoService proxy = pool.byServerId("broken").orElseThrow();

            CompletableFuture<String> answer = proxy.echo("x");
            assertTrue(answer.isCompletedExceptionally());
            assertInstanceOf(IllegalArgumentException.class, assertThrows(CompletionException.class, answer::join).getCause());
            assertThrows(IllegalStateException.class, proxy::whoAreYou);
            assertFalse(proxy.equals(null));
            broken.close();
        }
    }
}
