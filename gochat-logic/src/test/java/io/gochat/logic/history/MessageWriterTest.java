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

/**
 * The group-commit writer's back-pressure, shown on sqlite, where another connection can hold the whole
 * database (the rest of the writer's behaviour on every engine: {@link MessageStoreTest}).
 */
class MessageWriterTest {
    @TempDir
    Path dir;

    private static StoredMessage room(long id) {
        return StoredMessage.roomMessage(id, 1, 7, "{\"msg\":\"m" + id + "\",\"msgId\":" + id + "}", id);
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
