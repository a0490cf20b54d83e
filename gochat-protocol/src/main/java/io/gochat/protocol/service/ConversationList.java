package io.gochat.protocol.service;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/** The caller's conversations, pinned first, then the most recent first; or a refusal. */
public record ConversationList(int code, String message, List<ConversationEntry> conversations) implements Serializable {
    public static ConversationList of(List<ConversationEntry> entries) {
        return new ConversationList(0, "ok", new ArrayList<>(entries));
    }

    public static ConversationList refused(int code, String message) {
        return new ConversationList(code, message, new ArrayList<>());
    }
}
