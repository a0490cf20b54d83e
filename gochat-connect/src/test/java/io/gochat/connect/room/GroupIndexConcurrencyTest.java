package io.gochat.connect.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Users connecting and leaving while their groups are loaded, changed and walked from other threads: the
 * index ends exactly as the connections say (no user indexed without a connection, none missing).
 */
class GroupIndexConcurrencyTest {

    @Test
    void connectionsLoadsEventsAndWalksAtOnceLeaveTheIndexExact() {
        Buckets buckets = new Buckets(4);
        GroupIndex index = buckets.groups();
        int users = 300;
        List<Member> stay = new ArrayList<>();
        List<Member> churn = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            stay.add(new Member(new EmbeddedChannel(), u, "s" + u, 0, u, 0));
            churn.add(new Member(new EmbeddedChannel(), 10_000 + u, "c" + u, 0, 10_000 + u, 0));
        }
        stay.forEach(buckets::join);
        AtomicLong walked = new AtomicLong();
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            ExecutorService pool = Executors.newFixedThreadPool(6);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < 2; t++) {   // churning users: connect, get their groups (maybe late), leave
                int slice = t;
                work.add(pool.submit(() -> {
                    go.await();
                    for (int round = 0; round < 100; round++) {
                        for (int i = slice; i < churn.size(); i += 2) {
                            Member m = churn.get(i);
                            buckets.join(m);
                            index.load(m.userId(), List.of(1L, 2L));
                            buckets.leave(m);
                            index.connectionClosed(m.userId());
                            index.load(m.userId(), List.of(3L));   // an answer arriving after the user left
                        }
                    }
                    return null;
                }));
            }
            for (int t = 0; t < 2; t++) {   // users who stay: loaded, then joining and leaving group 2
                int slice = t;
                work.add(pool.submit(() -> {
                    go.await();
                    for (int i = slice; i < stay.size(); i += 2) {
                        index.load(stay.get(i).userId(), List.of(1L));
                    }
                    for (int round = 0; round < 100; round++) {
                        for (int i = slice; i < stay.size(); i += 2) {
                            index.joined(stay.get(i).userId(), 2);
                            index.left(stay.get(i).userId(), 2);
                        }
                    }
                    return null;
                }));
            }
            // deliveries walking the groups meanwhile, until the writers are done (and once more after): a
            // fixed number of rounds could all run before the first load
            java.util.concurrent.atomic.AtomicBoolean writersDone = new java.util.concurrent.atomic.AtomicBoolean();
            List<Future<?>> walkers = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                walkers.add(pool.submit(() -> {
                    go.await();
                    boolean last;
                    do {
                        last = writersDone.get();
                        index.forEachMember(1, u -> walked.incrementAndGet());
                        index.forEachMember(2, u -> walked.incrementAndGet());
                    } while (!last);
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : work) {
                f.get();
            }
            writersDone.set(true);
            for (Future<?> f : walkers) {
                f.get();
            }
            pool.shutdown();
        });
        List<Long> inGroup1 = new ArrayList<>();
        index.forEachMember(1, inGroup1::add);
        assertEquals(users, inGroup1.size(), "exactly the users who stayed");
        assertTrue(inGroup1.stream().allMatch(u -> u < 10_000));
        List<Long> inOthers = new ArrayList<>();
        index.forEachMember(2, inOthers::add);
        index.forEachMember(3, inOthers::add);
        assertEquals(List.of(), inOthers, "group 2 was left by all, group 3 came after its users were gone");
        churn.forEach(m -> assertFalse(index.isMember(m.userId(), 1)));
        assertTrue(walked.get() > 0);
    }
}
