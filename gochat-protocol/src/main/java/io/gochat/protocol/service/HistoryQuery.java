package io.gochat.protocol.service;

import java.io.Serializable;

/**
 * A page of a conversation's stored messages, asked by {@code userId} (from the caller's session, never
 * from the client): the latest {@code limit} messages with an id below {@code beforeId} (0 = the newest).
 *
 * @param targetId the room id (room history) or the other user's id (private history)
 */
public record HistoryQuery(long userId, long targetId, int limit, long beforeId) implements Serializable {
}
