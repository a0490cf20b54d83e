package io.gochat.connect;

import io.gochat.connect.transport.Transport;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gochat.core.config.ConfigKeys;
import io.gochat.testkit.EtcdExtension;
import io.gochat.testkit.Eventually;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** gochat's own TCP clients join and then only listen: by default they must not be cut off for it. */
class GochatTcpClientTest {
    @RegisterExtension
    static EtcdExtension etcd = new EtcdExtension();

    @Test
    void aSilentAuthenticatedTcpClientStaysConnectedAndGetsHeartbeatsByDefault() throws Exception {
        try (TestCluster cluster = new TestCluster(etcd.endpoints())) {
            ConnectServer tcp = cluster.start(Transport.TCP, cluster.base()
                    .with(ConnectConfigKeys.CONNECT_IDLE_TIMEOUT, "1s")
                    .with(ConnectConfigKeys.CONNECT_TCP_IDLE_TIMEOUT, "0"));
            cluster.logic.user("listener-token", 77, "listener");
            try (TcpTestClient listener = new TcpTestClient(tcp.port()).auth("listener-token", 5)) {
                Eventually.await(Duration.ofSeconds(10), "joined", () -> tcp.buckets().roomCount(5) == 1);
                Eventually.holds(Duration.ofSeconds(3), "a silent gochat TCP client stays connected",
                        () -> !listener.closedByServer() && tcp.buckets().roomCount(5) == 1);
                assertTrue(listener.heartbeats() >= 2, "it got heartbeat frames meanwhile: " + listener.heartbeats());
                cluster.pushToRoomEverywhere(5, "{\"op\":3,\"msg\":\"still here\"}");
                Eventually.await(Duration.ofSeconds(10), "a room message reaches it", () -> listener.frames().stream()
                        .anyMatch(f -> f.contains("still here")));
                assertFalse(listener.closedByServer());
            }
        }
    }
}
