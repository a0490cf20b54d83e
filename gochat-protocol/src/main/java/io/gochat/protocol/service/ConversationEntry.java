package io.gochat.protocol.service;

import java.io.Serializable;

/**
 * One chat of the conversation list.
 *
 * @param conversation {@code p:<a>:<b>} for a 1:1 chat
 * @param lastMessage  the last message, the exact JSON text clients receive (a tombstone if recalled)
 * @param unread       messages to the user after their read mark (counted up to 999)
 */
public record ConversationEntry(String conversation, long withUserId, String withUserName, String lastMessage,
                                long lastId, long unread, long readUpTo, boolean pinned, boolean muted, String draft)
        implements Serializable {
}
