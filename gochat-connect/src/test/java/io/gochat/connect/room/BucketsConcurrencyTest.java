package io.gochat.connect.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

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

/** gochat §9.5 (map writes under a read lock, list edits while walking) and §9.3 (self-linked list). */
class BucketsConcurrencyTest {
    private static final long ROOM = 7;

    private static List<Member> members(int users, int channelsPerUser) {
        List<Member> all = new ArrayList<>();
        long conn = 0;
        for (int u = 0; u < users; u++) {
            for (int c = 0; c < channelsPerUser; c++) {
                all.add(new Member(new EmbeddedChannel(), u, "u" + u, ROOM, conn++, 0));
            }
        }
        return all;
    }

    @Test
    void manyThreadsJoiningLeavingAndBroadcastingAtOnceLeaveAnExactAndWalkableState() {
        Buckets buckets = new Buckets(4);
        List<Member> stay = members(200, 2);
        List<Member> churn = members(200, 3).stream()
                .map(m -> new Member(m.channel(), m.userId() + 1000, m.userName(), ROOM, m.connectionId() + 10_000, 0))
                .toList();
        AtomicLong walked = new AtomicLong();
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int slice = t;
                work.add(pool.submit(() -> {
                    go.await();
                    for (int round = 0; round < 200; round++) {
                        for (int i = slice; i < churn.size(); i += 4) {
                            buckets.join(churn.get(i));
                            buckets.join(churn.get(i));         // the same channel twice
                            buckets.leave(churn.get(i));
                        }
                    }
                    for (int i = slice; i < stay.size(); i += 4) {
                        buckets.join(stay.get(i));
                    }
                    return null;
                }));
            }
            for (int t = 0; t < 4; t++) {
                work.add(pool.submit(() -> {
                    go.await();
                    for (int round = 0; round < 2000; round++) {
                        buckets.forEachInRoom(ROOM, m -> walked.incrementAndGet());
                        buckets.roomInfo(ROOM);
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : work) {
                f.get();
            }
            pool.shutdown();
        });
        assertEquals(stay.size(), buckets.roomCount(ROOM), "exactly the members that stayed");
        long[] seen = {0};
        buckets.forEachInRoom(ROOM, m -> seen[0]++);
        assertEquals(stay.size(), seen[0], "a walk visits each member once");
        assertEquals(2, buckets.userChannels(5));
        assertEquals(0, buckets.userChannels(1005), "churned users are gone, not half-removed");
        assertEquals(200, buckets.roomInfo(ROOM).size());
    }

    @Test
    void joiningTheSameChannelTwiceKeepsOneEntryAndOneLeaveRemovesIt() {
        Buckets buckets = new Buckets(2);
        Member m = new Member(new EmbeddedChannel(), 1, "a", ROOM, 1, 0);
        buckets.join(m);
        buckets.join(m);
        assertEquals(1, buckets.roomCount(ROOM));
        int[] visits = {0};
        buckets.forEachInRoom(ROOM, x -> visits[0]++);
        assertEquals(1, visits[0]);
        buckets.leave(m);
        assertEquals(0, buckets.roomCount(ROOM));
        assertEquals(0, buckets.userChannels(1));
        buckets.leave(m);   // leaving twice is harmless
        assertEquals(0, buckets.connections());
    }

    /** gochat §9.8: a user's older connection leaving removed the newer one. */
    @Test
    void closingOneOfAUsersChannelsRemovesExactlyThatOne() {
        Buckets buckets = new Buckets(3);
        Member older = new Member(new EmbeddedChannel(), 9, "n", ROOM, 1, 0);
        Member newer = new Member(new EmbeddedChannel(), 9, "n", ROOM, 2, 0);
        buckets.join(older);
        buckets.join(newer);
        buckets.leave(older);
        List<Member> left = new ArrayList<>();
        buckets.forEachOfUser(9, left::add);
        assertEquals(List.of(newer), left);
        left.clear();
        buckets.forEachInRoom(ROOM, left::add);
        assertEquals(List.of(newer), left);
    }
}
