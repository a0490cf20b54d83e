package io.gochat.cluster.ids;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gochat.cluster.discovery.EtcdConnection;
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
}
