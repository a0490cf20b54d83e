package io.gochat.cluster.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gochat.core.lifecycle.StartupException;
import io.gochat.testkit.EtcdExtension;
import io.gochat.testkit.Eventually;
import io.gochat.testkit.FreePorts;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ServiceRegistryTest {
    @RegisterExtension
    static EtcdExtension etcd = new EtcdExtension();

    private static final Duration TTL = Duration.ofSeconds(2);
    private static final Duration LONG_TTL = Duration.ofSeconds(30);
    private EtcdConnection connection;

    @BeforeEach
    void connect() {
        connection = EtcdConnection.connect(List.of(etcd.endpoints()), Duration.ofSeconds(3),
                new io.gochat.core.lifecycle.StartupWait(Duration.ofSeconds(30)));
    }

    @AfterEach
    void disconnect() {
        connection.close();
    }

    private static ServerInfo server(String role, String id) {
        return new ServerInfo(id, role, "127.0.0.1", 20000, "ws", Map.of("ws", 7000));
    }

    @Test
    void aWatcherSeesServersThatRegisteredBeforeIt() {
        try (ServiceRegistration a = ServiceRegistration.register(connection, server("early", "e1"), TTL);
             ServiceWatcher watcher = ServiceWatcher.start(connection, "early")) {
            assertEquals(server("early", "e1"), watcher.servers().get("e1"));
        }
    }

    @Test
    void joinsAndGracefulLeavesAreReportedInOrder() {
        List<String> events = new CopyOnWriteArrayList<>();
        try (ServiceWatcher watcher = ServiceWatcher.start(connection, "joinleave")) {
            watcher.addListener(new ServiceWatcher.Listener() {
                @Override
                public void joined(ServerInfo s) {
                    events.add("+" + s.serverId());
                }

                @Override
                public void left(ServerInfo s) {
                    events.add("-" + s.serverId());
                }
            });
            // a long lease: leaving before it could expire proves the lease was revoked
            ServiceRegistration a = ServiceRegistration.register(connection, server("joinleave", "a"), LONG_TTL);
            ServiceRegistration b = ServiceRegistration.register(connection, server("joinleave", "b"), LONG_TTL);
            Eventually.await(Duration.ofSeconds(5), "both joined", () -> watcher.servers().size() == 2);

            long closedAt = System.nanoTime();
            a.close();
            Eventually.await(Duration.ofSeconds(10), "a left after revoking its lease",
                    () -> !watcher.servers().containsKey("a"));
            assertTrue(System.nanoTime() - closedAt < LONG_TTL.toNanos(), "left before the lease could have expired");
            b.close();
            Eventually.await(Duration.ofSeconds(10), "b left", () -> watcher.servers().isEmpty());
            Eventually.await(Duration.ofSeconds(10), "listener told", () -> events.size() == 4);
            assertEquals(List.of("+a", "+b", "-a", "-b"), events);
        }
    }

    @Test
    void aCrashedServerDisappearsAfterItsTtl() {
        try (ServiceWatcher watcher = ServiceWatcher.start(connection, "crash")) {
            ServiceRegistration crashing = ServiceRegistration.register(connection, server("crash", "c1"), TTL);
            Eventually.await(Duration.ofSeconds(5), "c1 joined", () -> watcher.servers().containsKey("c1"));

            long crashedAt = System.nanoTime();
            crashing.abandon();   // stops renewing without revoking, as kill -9 would
            Eventually.await(TTL.plusSeconds(4), "c1 gone after its lease expired",
                    () -> !watcher.servers().containsKey("c1"));
            long tookMs = (System.nanoTime() - crashedAt) / 1_000_000;
            assertTrue(tookMs >= 1000, "a crashed server is not removed before its lease runs out (took " + tookMs + " ms)");
        }
    }

    @Test
    void keepAliveHoldsARegistrationBeyondItsTtl() {
        try (ServiceRegistration reg = ServiceRegistration.register(connection, server("alive", "k1"), TTL);
             ServiceWatcher watcher = ServiceWatcher.start(connection, "alive")) {
            Eventually.holds(TTL.multipliedBy(2), "k1 stays registered", () -> watcher.servers().containsKey("k1"));
        }
    }

    @Test
    void rolesDoNotSeeEachOther() {
        try (ServiceRegistration reg = ServiceRegistration.register(connection, server("logic", "l1"), TTL);
             ServiceWatcher watcher = ServiceWatcher.start(connection, "logicx")) {
            assertTrue(watcher.servers().isEmpty());
        }
    }

    @Test
    void anUnreachableEtcdFailsWithinSeconds() {
        String dead = "http://127.0.0.1:" + FreePorts.next();
        long start = System.nanoTime();
        StartupException e = assertThrows(StartupException.class,
                () -> EtcdConnection.connect(List.of(dead), Duration.ofSeconds(2)));
        assertTrue(e.getMessage().contains("etcd not reachable"), e.getMessage());
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(10).toNanos(), "failed fast");
    }
}
