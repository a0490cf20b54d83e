package io.gochat.logic.messages;

import io.gochat.logic.history.UnackedMessages;
import io.gochat.protocol.Ops;
import io.gochat.redis.queue.MessageQueue;
import io.gochat.redis.queue.QueuedMessage;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.AbstractPipeline;

/**
 * Puts events (recall, typing, read) on the delivery queue: to every connection of a user (routed like a
 * private message) or to a room. A {@code kept} event also joins the user's unacknowledged set, so a user
 * who is offline gets it on their next connect. One Redis round trip per call.
 */
final class EventQueue {
    private final UnifiedJedis redis;
    private final MessageQueue queue;

    EventQueue(UnifiedJedis redis, MessageQueue queue) {
        this.redis = redis;
        this.queue = queue;
    }

    /** One event body to several users; {@code kept[i]}: also for user i's next connect. */
    void toUsers(long eventId, String body, long[] users, boolean[] kept) {
        try (AbstractPipeline p = redis.pipelined()) {
            for (int i = 0; i < users.length; i++) {
                if (kept[i]) {
                    UnackedMessages.add(p, users[i], eventId, body);
                }
                QueuedMessage event = new QueuedMessage(Ops.SINGLE, eventId, users[i], 0, body);
                queue.append(p, event, event.defaultConversation());
            }
            p.sync();
        }
    }

    void toRoom(long eventId, long roomId, String body) {
        queue.push(new QueuedMessage(Ops.ROOM, eventId, 0, roomId, body));
    }
}
