package io.gochat.protocol.service;

import java.io.Serializable;

/**
 * Changes the caller's settings of the 1:1 chat with {@code withUserId}, or of group {@code groupId} when it
 * is set; a null field stays as it is.
 */
public record ConversationChange(long withUserId, Boolean pinned, Boolean muted, String draft, long groupId)
        implements Serializable {

    public ConversationChange(long withUserId, Boolean pinned, Boolean muted, String draft) {
        this(withUserId, pinned, muted, draft, 0);
    }
}
