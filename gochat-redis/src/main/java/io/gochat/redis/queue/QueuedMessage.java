package io.gochat.redis.queue;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.gochat.protocol.Ops;

/**
 * One entry of the queue from logic to task. {@code body} is the exact JSON text clients receive;
 * task only routes it: to the servers holding {@code toUserId} when it is set (op 2, the contacts
 * notifications, ops 20–29, and a user's group notices), to every connect server for a group
 * ({@code groupId} set, no user), else to room {@code roomId} (ops 3/4/5).
 *
 * @param groupId    the group of a group message or event (0 = none)
 * @param membership {@link io.gochat.protocol.service.Delivery#membership}: how the delivery changes the
 *                   connect servers' group index (0 = not at all)
 */
public record QueuedMessage(int op, long msgId, long toUserId, long roomId, String body, long groupId,
                            int membership) {

    public QueuedMessage(int op, long msgId, long toUserId, long roomId, String body) {
        this(op, msgId, toUserId, roomId, body, 0, 0);
    }

    /** To every member of {@code groupId} online anywhere. */
    public static QueuedMessage toGroup(int op, long msgId, long groupId, String body, int membership) {
        return new QueuedMessage(op, msgId, 0, 0, body, groupId, membership);
    }

    /** To one user (a group notice), changing the user's membership in the connect servers' index. */
    public static QueuedMessage toUser(int op, long msgId, long userId, long groupId, int membership, String body) {
        return new QueuedMessage(op, msgId, userId, 0, body, groupId, membership);
    }

    @JsonIgnore
    public boolean isPrivate() {
        return Ops.toOneUser(op);
    }

    /**
     * The conversation key used to pick a partition when the producer knows no better one: the group
     * ({@code g:<groupId>}, for its messages and its members' notices, so a group's order holds), the
     * recipient for a private message, else the room (logic passes {@code p:<a>:<b>} for private messages).
     */
    @JsonIgnore
    public String defaultConversation() {
        if (groupId > 0) {
            return "g:" + groupId;
        }
        return isForUser() ? "u:" + toUserId : "r:" + roomId;
    }

    /** Routed by the recipient's route (a private message or a notice to one user). */
    @JsonIgnore
    public boolean isForUser() {
        return isPrivate() || toUserId > 0;
    }

    /** Routed to every connect server, which know their users' groups. */
    @JsonIgnore
    public boolean isForGroup() {
        return !isForUser() && groupId > 0;
    }
}
