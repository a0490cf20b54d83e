package io.gochat.logic.history;

import io.gochat.protocol.Ops;
import io.gochat.redis.queue.QueuedMessage;

/**
 * A private or room message as it is stored and then queued: {@code body} is the exact JSON clients
 * receive; {@code conversation} is {@link #roomConversation} or {@link #privateConversation}.
 */
public record StoredMessage(long id, String conversation, long fromUserId, long toUserId, long roomId, int op,
                            String body, long createdAt) {

    public static StoredMessage privateMessage(long id, long fromUserId, long toUserId, long roomId, String body,
                                               long createdAt) {
        return new StoredMessage(id, privateConversation(fromUserId, toUserId), fromUserId, toUserId, roomId,
                Ops.SINGLE, body, createdAt);
    }

    public static StoredMessage roomMessage(long id, long fromUserId, long roomId, String body, long createdAt) {
        return new StoredMessage(id, roomConversation(roomId), fromUserId, 0, roomId, Ops.ROOM, body, createdAt);
    }

    /** A group message (op 30) or a group-wide event (op 31): {@code roomId} holds the group's id. */
    public static StoredMessage groupMessage(long id, int op, long fromUserId, long groupId, String body, long createdAt) {
        return new StoredMessage(id, groupConversation(groupId), fromUserId, 0, groupId, op, body, createdAt);
    }

    public static String groupConversation(long groupId) {
        return "g:" + groupId;
    }

    public static String roomConversation(long roomId) {
        return "r:" + roomId;
    }

    /** The same key whoever of the two sent the message. */
    public static String privateConversation(long userA, long userB) {
        return "p:" + Math.min(userA, userB) + ":" + Math.max(userA, userB);
    }

    public boolean isPrivate() {
        return op == Ops.SINGLE;
    }

    public boolean isGroup() {
        return op == Ops.GROUP || op == Ops.GROUP_EVENT;
    }

    /** What task needs to route it: private to {@code toUserId}, room to {@code roomId}, group to its members. */
    public QueuedMessage queued() {
        if (isGroup()) {
            return QueuedMessage.toGroup(op, id, roomId, body, 0);
        }
        return new QueuedMessage(op, id, isPrivate() ? toUserId : 0, roomId, body);
    }
}
