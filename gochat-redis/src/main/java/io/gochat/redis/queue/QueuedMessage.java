package io.gochat.redis.queue;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.gochat.protocol.Ops;

/**
 * One entry of the queue from logic to task. {@code body} is the exact JSON text clients receive;
 * task only routes it: op 2 and the contacts notifications (ops 20–29) to the servers holding
 * {@code toUserId}, ops 3/4/5 to room {@code roomId}.
 */
public record QueuedMessage(int op, long msgId, long toUserId, long roomId, String body) {

    @JsonIgnore
    public boolean isPrivate() {
        return Ops.toOneUser(op);
    }

    /**
     * The conversation key used to pick a partition when the producer knows no better one: the room, or
     * for a private message its recipient (logic passes {@code p:<a>:<b>} for private messages).
     */
    @JsonIgnore
    public String defaultConversation() {
        return isPrivate() ? "u:" + toUserId : "r:" + roomId;
    }
}
