package io.gochat.logic.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gochat.core.json.Json;
import io.gochat.logic.history.ClientIdDedupe;
import io.gochat.logic.history.MessageWriter;
import io.gochat.logic.history.StoredMessage;
import io.gochat.logic.storage.UserDatabase;
import io.gochat.testkit.RelationalDatabases;
import io.gochat.testkit.RelationalDatabases.Engine;
import io.gochat.testkit.RelationalDatabases.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
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

/**
 * Sequence numbers per conversation on every engine, with two message writers on one database (what two logic
 * servers sharing a PostgreSQL or MariaDB do), many senders at once, failed batches and retried sends.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(Engine.class)
class ConversationSeqTest {
    @RegisterExtension
    static RelationalDatabases databases = new RelationalDatabases();

    @Parameter
    Engine engine;

    static TestDatabase testDb;
    /** Two pools on one database: logic server A's and B's. */
    static UserDatabase dbA;
    static UserDatabase dbB;
    static final AtomicLong IDS = new AtomicLong(5_000_000);
    /** Each test numbers its own conversations (rooms from here on). */
    static final AtomicLong ROOMS = new AtomicLong(1000);

    @BeforeParameterizedClassInvocation
    static void open(Engine engine) {
        testDb = databases.create(engine);
        dbA = UserDatabase.open(testDb.url());
        dbB = UserDatabase.open(testDb.url());
    }

    @AfterParameterizedClassInvocation
    static void close() {
        dbA.close();
        dbB.close();
        testDb.close();
    }

    private static StoredMessage room(long id, long from, long roomId) {
        return StoredMessage.roomMessage(id, from, roomId, "{\"msg\":\"m" + id + "\",\"msgId\":" + id + "}", id);
    }

    @Test
    void concurrentSendersOnTwoLogicServersNumberEachConversationOneToNWithoutGapsOrRepeats() throws Exception {
        long roomX = ROOMS.incrementAndGet();
        long roomY = ROOMS.incrementAndGet();
        String pair = StoredMessage.privateConversation(roomX * 10, roomX * 10 + 1);
        Map<String, List<Long>> handedOnA = new ConcurrentHashMap<>();
        Map<String, List<Long>> handedOnB = new ConcurrentHashMap<>();
        int senders = 4;
        int perSender = 120;
        try (MessageWriter a = new MessageWriter(dbA, 10_000, handOn(handedOnA));
             MessageWriter b = new MessageWriter(dbB, 10_000, handOn(handedOnB))) {
            List<CompletableFuture<Void>> done = new CopyOnWriteArrayList<>();
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < senders * 2; t++) {
                MessageWriter via = t % 2 == 0 ? a : b;
                long from = 100 + t;
                Thread thread = new Thread(() -> {
                    for (int i = 0; i < perSender; i++) {
                        long id = IDS.incrementAndGet();
                        StoredMessage m = switch (i % 3) {
                            case 0 -> room(id, from, roomX);
                            case 1 -> room(id, from, roomY);
                            default -> StoredMessage.privateMessage(id, roomX * 10, roomX * 10 + 1, 0,
                                    "{\"msg\":\"p" + id + "\",\"msgId\":" + id + "}", id);
                        };
                        CompletableFuture<Void> f = via.write(m);
                        done.add(f);
                        if (i % 2 == 0) {
                            f.join();   // small batches too, so that the two servers' transactions interleave
                        }
                    }
                });
                threads.add(thread);
                thread.start();
            }
            for (Thread t : threads) {
                t.join();
            }
            CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        }
        int total = senders * 2 * perSender;
        Map<String, Integer> expected = new HashMap<>();
        for (int t = 0; t < senders * 2; t++) {
            for (int i = 0; i < perSender; i++) {
                expected.merge(i % 3 == 0 ? "r:" + roomX : i % 3 == 1 ? "r:" + roomY : pair, 1, Integer::sum);
            }
        }
        int seen = 0;
        for (Map.Entry<String, Integer> e : expected.entrySet()) {
            List<long[]> rows = rows(e.getKey());
            assertEquals(e.getValue().intValue(), rows.size(), e.getKey());
            for (int i = 0; i < rows.size(); i++) {
                assertEquals(i + 1, rows.get(i)[0], e.getKey() + ": numbers 1..n, each once, no gap");
                assertEquals(rows.get(i)[0], rows.get(i)[1], e.getKey() + ": the body carries the column's number");
            }
            assertEquals(Long.valueOf(rows.size()), dbA.with(SeqMapper.class, m -> m.last(e.getKey())),
                    "the counter is the last number");
            for (Map<String, List<Long>> handedOn : List.of(handedOnA, handedOnB)) {
                List<Long> order = handedOn.getOrDefault(e.getKey(), List.of());
                for (int i = 1; i < order.size(); i++) {
                    assertTrue(order.get(i) > order.get(i - 1), "each server queues a conversation in number order: " + order);
                }
            }
            seen += rows.size();
        }
        assertEquals(total, seen);
    }

    @Test
    void aBatchThatFailsTakesNoNumberSoTheNextMessageLeavesNoHole() throws Exception {
        long roomId = ROOMS.incrementAndGet();
        long taken = IDS.incrementAndGet();
        try (MessageWriter writer = new MessageWriter(dbA, 100, batch -> { })) {
            writer.write(room(taken, 1, roomId)).get(10, TimeUnit.SECONDS);
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> writer.write(room(taken, 1, roomId)).get(10, TimeUnit.SECONDS));   // the id is taken
            assertTrue(e.getCause().getMessage().startsWith("message store failed"), e.getCause().getMessage());
            writer.write(room(IDS.incrementAndGet(), 1, roomId)).get(10, TimeUnit.SECONDS);
        }
        List<long[]> rows = rows("r:" + roomId);
        assertEquals(List.of(1L, 2L), rows.stream().map(r -> r[0]).toList(), "the failed batch's number was not used");
    }

    @Test
    void aSendRetriedWithItsClientMessageIdKeepsItsFirstNumber() throws Exception {
        long roomId = ROOMS.incrementAndGet();
        long first = IDS.incrementAndGet();
        String cid = "seq-" + first;
        List<String> queued = new CopyOnWriteArrayList<>();
        MessageWriter.Resolver resolver = new ClientIdDedupe(batch -> batch.forEach(s -> {
            Object[] d = (Object[]) s.draft();
            s.accept((StoredMessage) d[0], "ok", (String) d[1]);
        }), dbA);
        try (MessageWriter a = new MessageWriter(dbA, 100, resolver, batch -> batch.forEach(m -> queued.add(m.body())));
             MessageWriter b = new MessageWriter(dbB, 100, new ClientIdDedupe(resolver, dbB), batch -> { })) {
            assertTrue(a.submit(new Object[] {room(first, 1, roomId), cid}).get(10, TimeUnit.SECONDS).ok());
            // the answer was lost; the client sends again, and another logic server takes it
            assertTrue(b.submit(new Object[] {room(IDS.incrementAndGet(), 1, roomId), cid}).get(10, TimeUnit.SECONDS).ok());
            assertTrue(a.submit(new Object[] {room(IDS.incrementAndGet(), 1, roomId), "next"}).get(10, TimeUnit.SECONDS).ok());
        }
        List<long[]> rows = rows("r:" + roomId);
        assertEquals(List.of(1L, 2L), rows.stream().map(r -> r[0]).toList(), "stored once: the retry took no number");
        assertEquals(first, rows.get(0)[2], "number 1 is the first send");
        assertEquals(1, Json.MAPPER.readTree(queued.get(0)).get("seq").asLong(), "queued with its number");
    }

    @Test
    void theNumberIsTheLastFieldOfTheBodyAndTheRestIsUnchanged() {
        assertEquals("{\"code\":0,\"msg\":\"}\",\"seq\":7}", ConversationSeqs.withSeq("{\"code\":0,\"msg\":\"}\"}", 7));
        assertEquals("{\"seq\":1}", ConversationSeqs.withSeq("{}", 1));
        assertEquals("{\"a\":{\"b\":1},\"seq\":2}", ConversationSeqs.withSeq("{\"a\":{\"b\":1}}", 2));
    }

    private static MessageWriter.AfterCommit handOn(Map<String, List<Long>> into) {
        return batch -> {
            for (StoredMessage m : batch) {
                into.computeIfAbsent(m.conversation(), c -> new CopyOnWriteArrayList<>())
                        .add(Json.MAPPER.readTree(m.body()).get("seq").asLong());
            }
        };
    }

    /** {seq column, seq in the body, id} of a conversation's rows, by seq. */
    private static List<long[]> rows(String conversation) throws Exception {
        List<long[]> out = new ArrayList<>();
        try (Connection c = testDb.connect();
             PreparedStatement st = c.prepareStatement("SELECT seq, body, id FROM message WHERE conversation = ? ORDER BY seq")) {
            st.setString(1, conversation);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(new long[] {rs.getLong(1), Json.MAPPER.readTree(rs.getString(2)).path("seq").asLong(-1),
                            rs.getLong(3)});
                }
            }
        }
        return out;
    }
}
