package io.gochat.logic.tools;

import io.gochat.core.config.GochatConfig;
import io.gochat.cluster.ids.Snowflake;
import io.gochat.redis.queue.QueueKeys;
import io.gochat.redis.RedisConnector;
import io.gochat.logic.history.MessageWriter;
import io.gochat.logic.history.QueueAfterStore;
import io.gochat.logic.history.StoredMessage;
import io.gochat.logic.storage.UserDatabase;
import io.gochat.testkit.RedisExtension;
import io.gochat.testkit.RelationalDatabases;
import io.gochat.testkit.RelationalDatabases.Engine;
import io.gochat.testkit.RelationalDatabases.TestDatabase;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import redis.clients.jedis.UnifiedJedis;

/**
 * How many messages/s logic's store stage sustains: 16 producers (logic's worker threads) write a mix of
 * room and private messages (~250-byte bodies) through the {@link MessageWriter} into a fresh database
 * (a sqlite file, or a new database on the machine's PostgreSQL or MariaDB, dropped afterwards), each batch
 * then queued on a real Redis (started here) with the unacked entries, exactly as logic does.
 * Not part of the suite. Run: {@code mvn -o -q test-compile -pl gochat-logic} then
 * {@code java -cp <test classpath> io.gochat.logic.tools.MessageStoreBench [messages] [sqlite|postgresql|mariadb] [extra=jdbc&options]}.
 */
public final class MessageStoreBench {
    public static void main(String[] args) throws Exception {
        int total = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        Engine engine = args.length > 1 ? Engine.valueOf(args[1].toUpperCase(java.util.Locale.ROOT)) : Engine.SQLITE;
        RedisExtension redisServer = new RedisExtension();
        redisServer.beforeAll(null);
        try (TestDatabase testDb = RelationalDatabases.make(engine);
             UserDatabase db = UserDatabase.open(args.length > 2 ? testDb.url() + (testDb.url().contains("?") ? "&" : "?") + args[2]
                     : testDb.url());
             UnifiedJedis redis = RedisConnector.open(GochatConfig.defaults().with("redis.url", redisServer.url()), 8)) {
            run(engine + " only", db, total / 2, batch -> { });
            run(engine + " + Redis queue", db, total, new QueueAfterStore(redis, new io.gochat.redis.queue.MessageQueue(redis, new QueueKeys("bench_queue", 8))));
        } finally {
            redisServer.afterAll(null);
        }
    }

    private static void run(String what, UserDatabase db, int total, MessageWriter.AfterCommit afterCommit)
            throws Exception {
        Snowflake ids = new Snowflake(1);
        Semaphore inFlight = new Semaphore(20_000);   // callers waiting for their answer, below store.queue
        AtomicLong failed = new AtomicLong();
        String text = "x".repeat(120);
        try (MessageWriter writer = new MessageWriter(db, 20_000, afterCommit)) {
            int producers = 16;
            Thread[] threads = new Thread[producers];
            long start = System.nanoTime();
            for (int t = 0; t < producers; t++) {
                int from = t;
                threads[t] = new Thread(() -> {
                    for (int i = from; i < total; i += producers) {
                        inFlight.acquireUninterruptibly();
                        long id = ids.next();
                        StoredMessage m = i % 2 == 0
                                ? StoredMessage.roomMessage(id, i % 1000 + 1, i % 50 + 1, body(id, text), id)
                                : StoredMessage.privateMessage(id, i % 1000 + 1, i % 997 + 1, 1, body(id, text), id);
                        writer.write(m).whenComplete((ok, e) -> {
                            if (e != null) {
                                failed.incrementAndGet();
                            }
                            inFlight.release();
                        });
                    }
                });
                threads[t].start();
            }
            for (Thread t : threads) {
                t.join();
            }
            inFlight.acquireUninterruptibly(20_000);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("%s: %d messages in %.2f s = %.0f messages/s, %d transactions (avg %.0f per commit), "
                            + "%d failed%n", what, total, seconds, total / seconds, writer.batches(),
                    (double) writer.stored() / Math.max(writer.batches(), 1), failed.get());
            inFlight.release(20_000);
        }
    }

    private static String body(long id, String text) {
        return "{\"code\":0,\"msg\":\"" + text + "\",\"fromUserId\":1,\"fromUserName\":\"alice\",\"toUserId\":2,"
                + "\"toUserName\":\"bob\",\"roomId\":1,\"op\":2,\"createTime\":\"\",\"msgId\":" + id
                + ",\"serverTime\":1767225600000}";
    }
}
