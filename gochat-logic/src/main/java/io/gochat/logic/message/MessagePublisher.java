package io.gochat.logic.message;

import io.gochat.common.ids.Snowflake;
import io.gochat.common.protocol.Ops;
import io.gochat.common.queue.MessageQueue;
import io.gochat.common.queue.QueueKeys;
import io.gochat.common.queue.QueuedMessage;
import io.gochat.common.service.PushReply;
import io.gochat.common.service.PushRequest;
import io.gochat.logic.presence.PresenceKeys;
import io.gochat.logic.user.AccountService;
import java.util.Map;
import java.util.TreeMap;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;

/**
 * Turns a push (from the HTTP API or a socket frame) into a queued message: checks it, stamps a
 * unique id and the server time, and puts it on the Redis queue for task. Blocking; runs on logic's
 * worker pool. This is where an offline store will slot in.
 */
public final class MessagePublisher {
    public static final int MAX_MESSAGE_CHARS = 4096;

    private final JedisPool redis;
    private final MessageQueue queue;
    private final Snowflake ids;
    private final AccountService accounts;

    public MessagePublisher(JedisPool redis, MessageQueue queue, Snowflake ids, AccountService accounts) {
        this.redis = redis;
        this.queue = queue;
        this.ids = ids;
        this.accounts = accounts;
    }

    public PushReply push(PushRequest r) {
        if (r.fromUserId() <= 0) {
            return PushReply.refused("no sender");
        }
        return switch (r.op()) {
            case Ops.SINGLE -> toUser(r);
            case Ops.ROOM -> toRoom(r);
            case Ops.ROOM_COUNT -> roomCount(r.roomId());
            case Ops.ROOM_INFO -> roomInfo(r.roomId());
            default -> PushReply.refused("unknown op " + r.op());
        };
    }

    private PushReply toUser(PushRequest r) {
        String problem = checkText(r.msg());
        if (problem != null) {
            return PushReply.refused(problem);
        }
        String toName = r.toUserId() > 0 ? accounts.userName(r.toUserId()) : null;
        if (toName == null) {
            return PushReply.refused("no user with id " + r.toUserId());
        }
        try (Jedis jedis = redis.getResource()) {
            if (jedis.hlen(QueueKeys.route(r.toUserId())) == 0) {
                return PushReply.refused("user " + r.toUserId() + " is not online; the message was not delivered");
            }
        }
        long id = ids.next();
        String body = MessageBodies.privateMessage(id, Snowflake.millisOf(id), r.fromUserId(), r.fromUserName(),
                r.toUserId(), toName, r.roomId(), r.msg());
        queue.push(new QueuedMessage(Ops.SINGLE, id, r.toUserId(), r.roomId(), body));
        return PushReply.accepted();
    }

    private PushReply toRoom(PushRequest r) {
        String problem = checkText(r.msg());
        if (problem != null) {
            return PushReply.refused(problem);
        }
        if (r.roomId() <= 0) {
            return PushReply.refused("roomId must be a positive number");
        }
        long id = ids.next();
        String body = MessageBodies.roomMessage(id, Snowflake.millisOf(id), r.fromUserId(), r.fromUserName(),
                r.roomId(), r.msg());
        queue.push(new QueuedMessage(Ops.ROOM, id, 0, r.roomId(), body));
        return PushReply.accepted();
    }

    private PushReply roomCount(long roomId) {
        if (roomId <= 0) {
            return PushReply.refused("roomId must be a positive number");
        }
        long count;
        try (Jedis jedis = redis.getResource()) {
            count = jedis.hlen(PresenceKeys.room(roomId));
        }
        queue.push(new QueuedMessage(Ops.ROOM_COUNT, ids.next(), 0, roomId, MessageBodies.roomCount(count)));
        return PushReply.accepted();
    }

    /** Sends the room's member list to the room; refused, as in gochat, when nobody is there. */
    public PushReply roomInfo(long roomId) {
        if (roomId <= 0) {
            return PushReply.refused("roomId must be a positive number");
        }
        Map<String, String> members;
        try (Jedis jedis = redis.getResource()) {
            members = new TreeMap<>(jedis.hgetAll(PresenceKeys.room(roomId)));
        }
        if (members.isEmpty()) {
            return PushReply.refused("nobody is online in room " + roomId);
        }
        queue.push(new QueuedMessage(Ops.ROOM_INFO, ids.next(), 0, roomId, MessageBodies.roomInfo(roomId, members)));
        return PushReply.accepted();
    }

    private static String checkText(String msg) {
        if (msg == null || msg.isBlank()) {
            return "msg is required";
        }
        if (msg.codePointCount(0, msg.length()) > MAX_MESSAGE_CHARS) {
            return "msg must be at most " + MAX_MESSAGE_CHARS + " characters";
        }
        return null;
    }
}
