package io.gochat.protocol.service;

import java.io.Serializable;

/** Changes the caller's settings of the 1:1 chat with {@code withUserId}; a null field stays as it is. */
public record ConversationChange(long withUserId, Boolean pinned, Boolean muted, String draft) implements Serializable {
}
