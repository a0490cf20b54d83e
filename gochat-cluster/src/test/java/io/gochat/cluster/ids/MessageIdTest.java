package io.gochat.cluster.ids;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.options.PutOption;
import io.gochat.cluster.discovery.EtcdConnection;
import io.gochat.testkit.Eventually;
import io.gochat.testkit.EtcdExtension;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MessageIdTest {
    @RegisterExtension
    static EtcdExtension etcd = new EtcdExtension();

    @Test
    void idsAreUniqueAndIncreasingUnderConcurrency() {
        Snowflake ids = new Snowflake(5);
        Set<Long> seen = ConcurrentHashMap.newKeySet();
        IntStream.range(0, 8).parallel().forEach(t -> {
            long last = 0;
            for (int i = 0; i < 50_000; i++) {
                long id = ids.next();
                assertTrue(id > last, "increasing within a thread");
                last = id;
                seen.add(id);
            }
        });
        assertEquals(400_000, seen.size());
    }

    @Test
    void idsFitInAJavaScriptNumberForYearsToCome() {
        long maxSafeInteger = (1L << 53) - 1;   // Number.MAX_SAFE_INTEGER
        assertTrue(new Snowflake(Snowflake.MAX_WORKERS - 1).next() < maxSafeInteger);
        long in15Years = 15L * 365 * 24 * 3600 * 1000;
        assertTrue((in15Years << 14) < maxSafeInteger, "still exact in 2041");
    }

    @Test
    void anIdTellsWhenItWasMade() {
        long before = System.currentTimeMillis();
        long id = new Snowflake(1).next();
        long made = Snowflake.millisOf(id);
        assertTrue(made >= before && made <= System.currentTimeMillis() + 5, "made at " + made);
    }

    @Test
    void twoProcessesGetDifferentWorkerIdsAndAFreedIdCanBeReused() {
        try (EtcdConnection c = EtcdConnection.connect(List.of(etcd.endpoints()), Duration.ofSeconds(3),
                new io.gochat.core.lifecycle.StartupWait(Duration.ofSeconds(30)))) {
            Set<Integer> workers = new HashSet<>();
            WorkerIdLease a = WorkerIdLease.claim(c, "a", Duration.ofSeconds(5));
            WorkerIdLease b = WorkerIdLease.claim(c, "b", Duration.ofSeconds(5));
            workers.add(a.workerId());
            workers.add(b.workerId());
            assertEquals(2, workers.size());
            assertNotEquals(new Snowflake(a.workerId()).next(), new Snowflake(b.workerId()).next());
            a.close();
            b.close();
        }
    }

    @Test
    void aProcessWhoseLeaseIsLostRefusesIdsUntilItHoldsAWorkerIdAgain() throws Exception {
        try (EtcdConnection c = EtcdConnection.connect(List.of(etcd.endpoints()), Duration.ofSeconds(3),
                new io.gochat.core.lifecycle.StartupWait(Duration.ofSeconds(30)));
             WorkerIdLease a = WorkerIdLease.claim(c, "a", Duration.ofSeconds(2))) {
            Set<Long> issued = new HashSet<>();
            for (int i = 0; i < 1000; i++) {
                issued.add(a.ids().next());
            }
            Client client = c.client();
            long aLease = client.getKVClient().get(workerKey(a.workerId())).get().getKvs().get(0).getLease();
            // Another process takes every worker id, a's included, then a's lease is revoked: a must stop
            // issuing ids (they could now collide with the new owner's) and cannot claim one back yet.
            long thief = client.getLeaseClient().grant(30).get().getID();
            for (int n = 0; n < Snowflake.MAX_WORKERS; n++) {
                client.getKVClient().put(workerKey(n), ByteSequence.from("thief", UTF_8),
                        PutOption.builder().withLeaseId(thief).build()).get();
            }
            client.getLeaseClient().revoke(aLease).get();

            Eventually.await(Duration.ofSeconds(5), "a noticing its lease is gone", () -> !a.held());
            IdsUnavailableException refused = assertThrows(IdsUnavailableException.class, () -> a.ids().next());
            assertEquals(WorkerIdLease.BUSY, refused.getMessage());
            Eventually.holds(Duration.ofMillis(700), "a keeps refusing while every id is taken", () -> {
                try {
                    a.ids().next();
                    return false;
                } catch (IdsUnavailableException e) {
                    return true;
                }
            });

            client.getLeaseClient().revoke(thief).get();
            Eventually.await(Duration.ofSeconds(10), "a holding a worker id again", a::held);
            for (int i = 0; i < 1000; i++) {
                assertTrue(issued.add(a.ids().next()), "ids after the re-claim are new");
            }
        }
    }

    private static ByteSequence workerKey(int n) {
        return ByteSequence.from(WorkerIdLease.PREFIX + n, UTF_8);
    }
}
