package io.gochat.logic.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gochat.logic.storage.MessageMapper;
import io.gochat.logic.storage.UserDatabase;
import io.gochat.testkit.RelationalDatabases;
import io.gochat.testkit.RelationalDatabases.Engine;
import io.gochat.testkit.RelationalDatabases.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The message store on every engine: group commit, history pages, exact bodies, a failed batch. */
@ParameterizedClass(name = "on {0}")
@EnumSource(Engine.class)
class MessageStoreTest {
    @RegisterExtension
    static RelationalDatabases databases = new RelationalDatabases();

    @Parameter
    Engine engine;

    static TestDatabase testDb;
    static UserDatabase db;
    /** Each test uses its own ids and conversations, so they share one database. */
    static final AtomicLong IDS = new AtomicLong(1_000_000);

    @BeforeParameterizedClassInvocation
    static void open(Engine engine) {
        testDb = databases.create(engine);
        db = UserDatabase.open(testDb.url());
    }

    @AfterParameterizedClassInvocation
    static void close() {
        db.close();
        testDb.close();
    }

    private static StoredMessage room(long id, long roomId) {
        return StoredMessage.roomMessage(id, 1, roomId, "{\"msg\":\"m" + id + "\",\"msgId\":" + id + "}", id);
    }

    @Test
    void concurrentWritesAreStoredInFewTransactionsAndHandedOnInCommitOrder() throws Exception {
        List<Long> handedOn = new CopyOnWriteArrayList<>();
        long base = IDS.getAndAdd(10_000);
        try (MessageWriter writer = new MessageWriter(db, 10_000, batch -> batch.forEach(m -> handedOn.add(m.id())))) {
            List<CompletableFuture<Void>> done = new ArrayList<>();
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                long from = base + t * 1000L;
                Thread thread = new Thread(() -> {
                    for (int i = 1; i <= 1000; i++) {
                        CompletableFuture<Void> f = writer.write(room(from + i, 7));
                        synchronized (done) {
                            done.add(f);
                        }
                    }
                });
                threads.add(thread);
                thread.start();
            }
            for (Thread t : threads) {
                t.join();
            }
            CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            assertEquals(4000, handedOn.size());
            assertTrue(writer.batches() < 4000, "group commit: " + writer.batches() + " transactions");
            List<String> page = db.withMessages(m -> m.latestBefore(StoredMessage.roomConversation(7), base + 1001, 3));
            assertEquals(3, page.size());
            assertTrue(page.get(0).contains("\"msgId\":" + (base + 1000)), page.toString());
        }
    }

    @Test
    void historyPagesAConversationNewestFirstAndPrivateMessagesSinceAnId() {
        long base = IDS.getAndAdd(1000);
        for (int i = 1; i <= 5; i++) {
            StoredMessage m = i % 2 == 0 ? StoredMessage.privateMessage(base + i, 41, 42, 1, "{\"n\":" + i + "}", i)
                    : StoredMessage.privateMessage(base + i, 42, 41, 1, "{\"n\":" + i + "}", i);
            insert(m);
        }
        insert(StoredMessage.privateMessage(base + 6, 41, 43, 1, "{\"n\":6}", 6));   // another conversation
        String conversation = StoredMessage.privateConversation(41, 42);
        assertEquals(List.of("{\"n\":5}", "{\"n\":4}"), db.withMessages(m -> m.latestBefore(conversation, Long.MAX_VALUE, 2)));
        assertEquals(List.of("{\"n\":3}", "{\"n\":2}"), db.withMessages(m -> m.latestBefore(conversation, base + 4, 2)));
        assertEquals(List.of("{\"n\":2}", "{\"n\":4}"), db.withMessages(m -> m.privateSince(42, base, 10)),
                "to user 42, oldest first");
        assertEquals(List.of("{\"n\":4}"), db.withMessages(m -> m.privateSince(42, base + 2, 10)));
    }

    @Test
    void aBodyIsStoredExactlyWhateverItHolds() {
        long id = IDS.incrementAndGet();
        String text = "😀 \"quotes\" \\ é 名前 \t\u0001 ".repeat(100);
        String body = "{\"msg\":\"" + text.substring(0, Math.min(text.length(), 4000)) + "\"}";
        insert(StoredMessage.roomMessage(id, 1, 99, body, 1));
        assertEquals(List.of(body), db.withMessages(m -> m.latestBefore(StoredMessage.roomConversation(99), Long.MAX_VALUE, 5)));
    }

    @Test
    void aBatchThatFailsIsRefusedWithAReasonAndTheWriterGoesOn() throws Exception {
        long id = IDS.incrementAndGet();
        insert(room(id, 55));
        try (MessageWriter writer = new MessageWriter(db, 100, batch -> { })) {
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> writer.write(room(id, 55)).get(10, TimeUnit.SECONDS));   // the id is taken
            assertEquals("message store failed, the message was not sent; try again", e.getCause().getMessage());
            writer.write(room(IDS.incrementAndGet(), 55)).get(10, TimeUnit.SECONDS);
        }
        assertEquals(2, db.withMessages(m -> m.latestBefore(StoredMessage.roomConversation(55), Long.MAX_VALUE, 10)).size());
    }

    @Test
    void aQueuedMessageLeavesNoOutboxRow() throws Exception {
        long id = IDS.incrementAndGet();
        try (MessageWriter writer = new MessageWriter(db, 100, batch -> { })) {
            assertEquals("ok", writer.submit(room(id, 65)).get(10, TimeUnit.SECONDS).message());
        }
        assertTrue(!inOutbox(id), "the outbox row went once the message was queued");
    }

    @Test
    void aStoredMessageTheQueueDidNotTakeIsAnsweredAsDelayedAndTheRelayQueuesItLater() throws Exception {
        long id = IDS.incrementAndGet();
        java.util.concurrent.atomic.AtomicBoolean queueUp = new java.util.concurrent.atomic.AtomicBoolean();
        List<Long> queued = new CopyOnWriteArrayList<>();
        MessageWriter.AfterCommit queue = batch -> {
            if (!queueUp.get()) {
                throw new IllegalStateException("Redis does not answer");
            }
            batch.forEach(m -> queued.add(m.id()));
        };
        try (MessageWriter writer = new MessageWriter(db, 100, queue)) {
            io.gochat.protocol.service.PushReply reply = writer.submit(room(id, 66)).get(10, TimeUnit.SECONDS);
            assertTrue(reply.ok(), "stored, so not a failure the sender would retry (and store twice): " + reply);
            assertEquals(Submission.DELAYED, reply.message());
        }
        assertTrue(inOutbox(id), "left in the outbox");
        assertTrue(queued.isEmpty());

        queueUp.set(true);   // Redis is back (or another logic server's relay runs)
        try (OutboxRelay relay = new OutboxRelay(db, queue, 0)) {
            assertTrue(relay.relay() >= 1);
        }
        assertTrue(queued.contains(id), "the relay queued it: " + queued);
        assertTrue(!inOutbox(id), "and cleared its row");
        assertEquals(List.of(room(id, 66).body().replace("}", ",\"seq\":1}")),   // numbered in its conversation
                db.withMessages(m -> m.latestBefore(StoredMessage.roomConversation(66), Long.MAX_VALUE, 10)),
                "stored once");
    }

    @Test
    void aSendRetriedWithTheSameClientMessageIdIsAnsweredAsTheFirstAndStoredOnce() throws Exception {
        long first = IDS.incrementAndGet();
        long retry = IDS.incrementAndGet();
        long other = IDS.incrementAndGet();
        String cid = "c-" + first;
        MessageWriter.Resolver resolver = new ClientIdDedupe(batch -> batch.forEach(s -> {
            Object[] d = (Object[]) s.draft();
            s.accept((StoredMessage) d[0], "ok", (String) d[1]);
        }), db);
        try (MessageWriter writer = new MessageWriter(db, 100, resolver, batch -> { })) {
            assertEquals("ok", writer.submit(new Object[] {room(first, 67), cid}).get(10, TimeUnit.SECONDS).message());
            io.gochat.protocol.service.PushReply again = writer.submit(new Object[] {room(retry, 67), cid})
                    .get(10, TimeUnit.SECONDS);
            assertTrue(again.ok(), "the retry is answered as the first was: " + again);
            // the same client id from another sender is another message
            StoredMessage fromOther = StoredMessage.roomMessage(other, 2, 67, "{\"msgId\":" + other + "}", other);
            assertEquals("ok", writer.submit(new Object[] {fromOther, cid}).get(10, TimeUnit.SECONDS).message());
        }
        assertEquals(2, db.withMessages(m -> m.latestBefore(StoredMessage.roomConversation(67), Long.MAX_VALUE, 10)).size(),
                "stored once per sender");
        assertEquals(Long.valueOf(first), db.withClientIds(m -> m.find(1, cid)));
    }

    private static boolean inOutbox(long id) {
        return db.withOutbox(m -> m.leftBefore(Long.MAX_VALUE, 100_000)).stream()
                .anyMatch(r -> ((Number) (r.get("id") != null ? r.get("id") : r.get("ID"))).longValue() == id);
    }

    private static void insert(StoredMessage m) {
        db.withMessages((MessageMapper mm) -> mm.insert(m.id(), m.conversation(), m.fromUserId(), m.toUserId(),
                m.roomId(), m.op(), m.body(), m.createdAt()));
    }
}
