package io.gochat.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gochat.connect.transport.Transport;
import io.gochat.protocol.service.ConnectService;
import io.gochat.protocol.service.Delivery;
import io.gochat.testkit.EtcdExtension;
import io.gochat.testkit.Eventually;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue #17, on real sockets: a WebSocket receiver that reads a flood all the time, and whose pong comes
 * back well after the idle timeout (as when it is queued behind the flood), is not closed for idleness;
 * a truly silent one is, and is counted.
 */
class BusyReceiverTest {
    @RegisterExtension
    static EtcdExtension etcd = new EtcdExtension();

    static final Duration WAIT = Duration.ofSeconds(5);
    static TestCluster cluster;
    static ConnectServer ws;

    @BeforeAll
    static void startCluster() {
        cluster = new TestCluster(etcd.endpoints());
        cluster.logic.user("busy", 5101, "busy").user("silent", 5102, "silent");
        ws = cluster.start(Transport.WS, cluster.base().with(ConnectConfigKeys.CONNECT_IDLE_TIMEOUT, "1s"));
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aReceiverReadingAFloodWithItsPongsLateIsNotClosedButASilentOneIs() throws Exception {
        ConnectService service = cluster.connectService(ws);
        ScheduledExecutorService flood = Executors.newSingleThreadScheduledExecutor();
        try (RawWsClient busy = new RawWsClient(ws.port()); RawWsClient silent = new RawWsClient(ws.port())) {
            busy.sendText("{\"authToken\":\"busy\",\"roomId\":51}");
            silent.sendText("{\"authToken\":\"silent\",\"roomId\":52}");
            Eventually.await(WAIT, "both joined", () -> ws.buckets().roomCount(51) == 1 && ws.buckets().roomCount(52) == 1);
            AtomicInteger received = busy.readAllWithLatePongs(1600);   // 1.6 s behind: past the 1 s idle timeout
            String body = "{\"op\":3,\"msg\":\"" + "f".repeat(200) + "\"}";
            flood.scheduleAtFixedRate(() -> service.deliver(List.of(Delivery.toRoom(51, body))).join(),
                    0, 50, TimeUnit.MILLISECONDS);

            assertTrue(silent.drainUntilClosed(5000), "the silent client is closed");
            Eventually.await(WAIT, "its close counted", () -> ConnectMetrics.count(ws.metrics().idleTimeouts) == 1);
            Eventually.holds(Duration.ofSeconds(5), "the busy receiver stays connected and keeps receiving",
                    () -> !busy.closedByServer() && ws.buckets().roomCount(51) == 1);
            assertTrue(received.get() > 50, "it received the flood: " + received.get());
            assertEquals(1, ConnectMetrics.count(ws.metrics().idleTimeouts), "only the silent one was idle");
            assertEquals(0, ConnectMetrics.count(ws.metrics().closedSlowReader));
        } finally {
            flood.shutdownNow();
        }
    }
}
