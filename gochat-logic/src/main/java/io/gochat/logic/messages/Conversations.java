package io.gochat.logic.messages;

import io.gochat.logic.history.StoredMessage;
import io.gochat.logic.media.ConversationAccess;
import io.gochat.logic.presence.PresenceKeys;
import io.gochat.logic.storage.UserDatabase;
import redis.clients.jedis.UnifiedJedis;

/**
 * Who may see a conversation, by its key ({@link StoredMessage}): a 1:1 chat {@code p:a:b} its two users,
 * a room {@code r:R} its members (users online in it now, the rule of room history), a group {@code g:G} its
 * members now (one who left or was removed no longer does). Other kinds: nobody.
 */
public final class Conversations implements ConversationAccess {
    private final UnifiedJedis redis;
    private final UserDatabase db;

    public Conversations(UnifiedJedis redis, UserDatabase db) {
        this.redis = redis;
        this.db = db;
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
        if (conversation.startsWith("g:")) {
            long groupId;
            try {
                groupId = Long.parseLong(conversation.substring(2));
            } catch (NumberFormatException e) {
                return false;
            }
            return db.with(GroupChatMapper.class, m -> m.isMember(groupId, userId)) > 0;
        }
        return false;
    }
}
