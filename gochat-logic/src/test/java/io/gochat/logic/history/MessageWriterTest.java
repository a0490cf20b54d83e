package io.gochat.logic.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gochat.logic.storage.MessageMapper;
import io.gochat.logic.storage.UserDatabase;
import io.gochat.testkit.Eventually;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The group-commit writer against a real sqlite file. */
class MessageWriterTest {
    @TempDir
    Path dir;

    private static StoredMessage room(long id) {
        return StoredMessage.roomMessage(id, 1, 7, "{\"msg\":\"m" + id + "\",\"msgId\":" + id + "}", id);
    }

    @Test
    void concurrentWritesAreStoredInFewTransactionsAndHandedOnInCommitOrder() throws Exception {
        List<Long> handedOn = new CopyOnWriteArrayList<>();
        try (UserDatabase db = UserDatabase.open(dir.resolve("m.db").toString());
             MessageWriter writer = new MessageWriter(db, 10_000, batch -> batch.forEach(m -> handedOn.add(m.id())))) {
            List<CompletableFuture<Void>> done = new ArrayList<>();
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int base = t * 1000;
                Thread thread = new Thread(() -> {
                    for (int i = 1; i <= 1000; i++) {
                        CompletableFuture<Void> f = writer.write(room(base + i));
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
            assertEquals(4000L, (long) db.withMessages(MessageMapper::count));
            assertEquals(4000, handedOn.size());
            assertTrue(writer.batches() < 4000, "group commit: " + writer.batches() + " transactions");
            List<String> page = db.withMessages(m -> m.latestBefore(StoredMessage.roomConversation(7), 1001, 3));
            assertEquals(3, page.size());
            assertTrue(page.get(0).contains("\"msgId\":1000"), page.toString());
        }
    }

    @Test
    void aFullQueueRefusesAtOnceWithAClearReason() throws Exception {
        Path file = dir.resolve("m.db");
        try (UserDatabase db = UserDatabase.open(file.toString());
             MessageWriter writer = new MessageWriter(db, 3, batch -> { });
             Connection other = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement lock = other.createStatement()) {
            lock.execute("BEGIN EXCLUSIVE");   // another writer holds the database: ours waits (busy_timeout 5 s)
            CompletableFuture<Void> first = writer.write(room(1));
            Eventually.await(Duration.ofSeconds(3), "the writer took the first message", () -> writer.waiting() == 0);
            List<CompletableFuture<Void>> queued = List.of(writer.write(room(2)), writer.write(room(3)),
                    writer.write(room(4)));
            CompletableFuture<Void> refused = writer.write(room(5));

            assertTrue(refused.isCompletedExceptionally(), "refused at once, not queued");
            ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, refused::get);
            assertTrue(e.getCause() instanceof RejectedExecutionException, e.toString());
            assertEquals("message store is busy (3 messages waiting), try again later", e.getCause().getMessage());
            assertFalse(first.isDone(), "not answered before it is stored");
            queued.forEach(f -> assertFalse(f.isDone()));

            lock.execute("COMMIT");
            first.get(10, TimeUnit.SECONDS);
            CompletableFuture.allOf(queued.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
            assertEquals(4L, (long) db.withMessages(MessageMapper::count), "the refused message was not stored");
        }
    }
}
