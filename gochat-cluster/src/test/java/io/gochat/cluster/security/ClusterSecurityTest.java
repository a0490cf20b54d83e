package io.gochat.cluster.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gochat.cluster.rpc.EchoService;
import io.gochat.cluster.rpc.RpcReference;
import io.gochat.cluster.rpc.RpcRuntime;
import io.gochat.core.lifecycle.StartupException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.dubbo.rpc.RpcException;
import org.junit.jupiter.api.Test;

/** The RPC port is a closed door: only callers proving the cluster secret get in, and it listens on one address. */
class ClusterSecurityTest {
    static final String SECRET = "a-cluster-secret-for-tests-0123";
    static final Duration TIMEOUT = Duration.ofSeconds(3);

    static final class Echo implements EchoService {
        @Override
        public String whoAreYou() {
            return "echo";
        }

        @Override
        public CompletableFuture<String> echo(String text) {
            return CompletableFuture.completedFuture("echo:" + text);
        }
    }

    @Test
    void aMemberWithTheSecretIsServedAndCallersWithoutOrWithAWrongSecretAreRefused() {
        long refusedBefore = ClusterAuthProviderFilter.refused();
        try (RpcRuntime server = new RpcRuntime("server", TIMEOUT, 0, "127.0.0.1", ClusterCredential.of(SECRET));
             RpcRuntime member = new RpcRuntime("member", TIMEOUT, 0, "127.0.0.1", ClusterCredential.of(SECRET));
             RpcRuntime stranger = new RpcRuntime("stranger", TIMEOUT, 0);
             RpcRuntime impostor = new RpcRuntime("impostor", TIMEOUT, 0, "127.0.0.1",
                     ClusterCredential.of("another-secret-of-enough-length"))) {
            server.export(EchoService.class, "s1", new Echo());
            int port = server.port();

            try (RpcReference<EchoService> ok = member.refer(EchoService.class, "s1", "127.0.0.1", port)) {
                assertEquals("echo", ok.proxy().whoAreYou());
                assertEquals("echo:hi", ok.proxy().echo("hi").join());
            }
            for (RpcRuntime outsider : new RpcRuntime[] {stranger, impostor}) {
                try (RpcReference<EchoService> bad = outsider.refer(EchoService.class, "s1", "127.0.0.1", port)) {
                    RpcException sync = assertThrows(RpcException.class, () -> bad.proxy().whoAreYou());
                    assertTrue(sync.getMessage().contains("refused: "), sync.toString());
                    CompletionException async = assertThrows(CompletionException.class, () -> bad.proxy().echo("x").join());
                    assertTrue(String.valueOf(async.getCause().getMessage()).contains("refused"), async.toString());
                }
            }
            assertTrue(ClusterAuthProviderFilter.refused() >= refusedBefore + 4, "each refusal counted (and logged)");
        }
    }

    @Test
    void aCredentialIsBoundToItsMethodAndExpires() {
        ClusterCredential c = ClusterCredential.of(SECRET);
        String proof = c.sign("io.x.LogicService", "login");
        assertNull(c.problem(proof, "io.x.LogicService", "login"));
        assertNotNull(c.problem(proof, "io.x.LogicService", "privateSince"), "not reusable for another method");
        assertNotNull(c.problem(proof.substring(0, proof.length() - 2) + "AA", "io.x.LogicService", "login"));
        String[] parts = proof.split("\\.");
        long old = Long.parseLong(parts[0]) - ClusterCredential.WINDOW_MILLIS - 1000;
        assertNotNull(c.problem(old + "." + parts[1] + "." + parts[2], "io.x.LogicService", "login"),
                "an old proof is refused even with a MAC that was valid once");
        assertNotNull(c.problem(null, "s", "m"));
        assertNotNull(c.problem("garbage", "s", "m"));
        assertThrows(StartupException.class, () -> ClusterCredential.of("short"));
    }

    @Test
    void rpcListensOnlyOnItsBindAddressEvenOnLoopbackWhichDubboWouldWiden() throws IOException {
        try (RpcRuntime server = new RpcRuntime("bound", TIMEOUT, 0, "127.0.0.2", ClusterCredential.of(SECRET))) {
            server.export(EchoService.class, "s2", new Echo());
            int port = server.port();
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.2", port), 2000);
                assertTrue(s.isConnected());
            }
            assertThrows(IOException.class, () -> {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
                }
            }, "another address of this host must not reach the RPC port");
        }
    }

    @Test
    void aServerReachableFromOtherHostsRefusesToStartWithoutASecret() {
        StartupException e = assertThrows(StartupException.class,
                () -> new RpcRuntime("open", TIMEOUT, 0, "0.0.0.0", ClusterCredential.of("")));
        assertTrue(e.getMessage().contains("cluster.secret"), e.getMessage());
        new RpcRuntime("closed", TIMEOUT, 0, "0.0.0.0", ClusterCredential.of(SECRET)).close();
    }
}
