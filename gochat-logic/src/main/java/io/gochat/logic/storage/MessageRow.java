package io.gochat.logic.storage;

/** A row of the {@code message} table. */
public record MessageRow(long id, String conversation, long fromUserId, long toUserId, long roomId, int op,
                         String body, long createdAt) {
}
