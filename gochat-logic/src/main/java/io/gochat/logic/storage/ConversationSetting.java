package io.gochat.logic.storage;

/** A user's settings of one chat (pinned and muted are 0 or 1). */
public record ConversationSetting(String conversation, int pinned, int muted, String draft) {
}
