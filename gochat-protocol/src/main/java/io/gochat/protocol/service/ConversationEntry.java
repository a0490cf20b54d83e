package io.gochat.protocol.service;

import java.io.Serializable;

/**
 * One chat of the conversation list.
 *
 * @param conversation {@code p:<a>:<b>} for a 1:1 chat, {@code g:<groupId>} for a group
 * @param withUserId   the other user of a 1:1 chat (0 for a group)
 * @param lastMessage  the last message, the exact JSON text clients receive (a tombstone if recalled); null for
 *                     a group nobody has written in yet
 * @param unread       messages to the user after their read mark (in a group: others' messages), up to 999
 * @param groupId      the group of a group chat (0 for a 1:1 chat)
 * @param groupName    the group's name (null for a 1:1 chat)
 */
public record ConversationEntry(String conversation, long withUserId, String withUserName, String lastMessage,
                                long lastId, long unread, long readUpTo, boolean pinned, boolean muted, String draft,
                                long groupId, String groupName)
        implements Serializable {

    /** A 1:1 chat. */
    public ConversationEntry(String conversation, long withUserId, String withUserName, String lastMessage,
                             long lastId, long unread, long readUpTo, boolean pinned, boolean muted, String draft) {
        this(conversation, withUserId, withUserName, lastMessage, lastId, unread, readUpTo, pinned, muted, draft, 0, null);
    }
}
