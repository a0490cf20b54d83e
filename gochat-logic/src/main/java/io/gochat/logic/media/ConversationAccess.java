package io.gochat.logic.media;

/** Whether a user may see a conversation (to download what was sent in it). */
@FunctionalInterface
public interface ConversationAccess {
    boolean maySee(long userId, String conversation);
}
