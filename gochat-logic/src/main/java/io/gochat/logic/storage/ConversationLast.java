package io.gochat.logic.storage;

/** A chat and the id of its last message. */
public record ConversationLast(String conversation, long lastId) {
}
