package io.gochat.logic.messages;

import io.gochat.logic.history.StoredMessage;
import io.gochat.logic.media.ConversationAccess;
import io.gochat.logic.presence.PresenceKeys;
import redis.clients.jedis.UnifiedJedis;

/**
 * Who may see a conversation, by its key ({@link StoredMessage}): a 1:1 chat {@code p:a:b} its two users,
 * a room {@code r:R} its members (users online in it now, the rule of room history). Other kinds (groups)
 * are not known here yet: nobody sees them through this check.
 */
public final class Conversations implements ConversationAccess {
    private final UnifiedJedis redis;

    public Conversations(UnifiedJedis redis) {
        this.redis = redis;
    }

    @Override
    public boolean maySee(long userId, String conversation) {
        if (conversation.startsWith("p:")) {
            String[] parts = conversation.split(":");
            return parts.length == 3 && (parts[1].equals(Long.toString(userId)) || parts[2].equals(Long.toString(userId)));
        }
        if (conversation.startsWith("r:")) {
            long roomId;
            try {
                roomId = Long.parseLong(conversation.substring(2));
            } catch (NumberFormatException e) {
                return false;
            }
            return redis.hexists(PresenceKeys.room(roomId), Long.toString(userId));
        }
        return false;
    }
}
