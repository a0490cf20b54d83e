package io.gochat.redis.queue;

import io.gochat.protocol.Ops;

/**
 * One entry of the Redis list from logic to task. {@code body} is the exact JSON text clients receive;
 * task only routes it: op 2 and the contacts notifications (ops 20–29) to the servers holding
 * {@code toUserId}, ops 3/4/5 to room {@code roomId}.
 */
public record QueuedMessage(int op, long msgId, long toUserId, long roomId, String body) {

    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isPrivate() {
        return Ops.toOneUser(op);
    }
}
