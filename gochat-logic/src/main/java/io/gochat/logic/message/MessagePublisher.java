package io.gochat.logic.message;

import io.gochat.redis.UserRoutes;
import io.gochat.cluster.ids.Snowflake;
import io.gochat.protocol.Ops;
import io.gochat.redis.queue.MessageQueue;
import io.gochat.redis.queue.QueueKeys;
import io.gochat.redis.queue.QueuedMessage;
import io.gochat.protocol.service.PushReply;
import io.gochat.protocol.service.PushRequest;
import io.gochat.logic.history.MessageWriter;
import io.gochat.logic.history.StoredMessage;
import io.gochat.logic.presence.PresenceKeys;
import io.gochat.logic.user.AccountService;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;

/**
 * Turns a push (from the HTTP API or a socket frame) into a queued message: checks it, stamps a
 * unique id and the server time, stores private and room messages (the {@link MessageWriter} queues
 * them once committed) and puts counts and member lists straight on the Redis queue for task. The checks
 * block, so this runs on logic's worker pool; the answer completes when the message is stored.
 */
public final class MessagePublisher {
    public static final int MAX_MESSAGE_CHARS = 4096;

    private final JedisPool redis;
    private final MessageQueue queue;
    private final Snowflake ids;
    public static final String STORED_FOR_OFFLINE = "ok, stored for offline delivery";

    private final AccountService accounts;
    private final MessageWriter store;

    public MessagePublisher(JedisPool redis, MessageQueue queue, Snowflake ids, AccountService accounts,
                            MessageWriter store) {
        this.redis = redis;
        this.queue = queue;
        this.ids = ids;
        this.accounts = accounts;
        this.store = store;
    }

    public CompletableFuture<PushReply> push(PushRequest r) {
        if (r.fromUserId() <= 0) {
            return done(PushReply.refused("no sender"));
        }
        return switch (r.op()) {
            case Ops.SINGLE -> toUser(r);
            case Ops.ROOM -> toRoom(r);
            case Ops.ROOM_COUNT -> done(roomCount(r.roomId()));
            case Ops.ROOM_INFO -> done(roomInfo(r.roomId()));
            default -> done(PushReply.refused("unknown op " + r.op()));
        };
    }

    /** A user with no live connection gets the message when they next connect (unacknowledged set). */
    private CompletableFuture<PushReply> toUser(PushRequest r) {
        String problem = checkText(r.msg());
        if (problem != null) {
            return done(PushReply.refused(problem));
        }
        String toName = r.toUserId() > 0 ? accounts.userName(r.toUserId()) : null;
        if (toName == null) {
            return done(PushReply.refused("no user with id " + r.toUserId()));
        }
        boolean online;
        try (Jedis jedis = redis.getResource()) {
            online = UserRoutes.online(jedis, r.toUserId());
        }
        long id = ids.next();
        long now = Snowflake.millisOf(id);
        String body = MessageBodies.privateMessage(id, now, r.fromUserId(), r.fromUserName(),
                r.toUserId(), toName, r.roomId(), r.msg());
        return stored(StoredMessage.privateMessage(id, r.fromUserId(), r.toUserId(), r.roomId(), body, now),
                online ? "ok" : STORED_FOR_OFFLINE);
    }

    private CompletableFuture<PushReply> toRoom(PushRequest r) {
        String problem = checkText(r.msg());
        if (problem != null) {
            return done(PushReply.refused(problem));
        }
        if (r.roomId() <= 0) {
            return done(PushReply.refused("roomId must be a positive number"));
        }
        long id = ids.next();
        long now = Snowflake.millisOf(id);
        String body = MessageBodies.roomMessage(id, now, r.fromUserId(), r.fromUserName(), r.roomId(), r.msg());
        return stored(StoredMessage.roomMessage(id, r.fromUserId(), r.roomId(), body, now), "ok");
    }

    /** Accepted once stored and queued; refused with the store's reason otherwise. */
    private CompletableFuture<PushReply> stored(StoredMessage message, String okMessage) {
        return store.write(message).handle((ok, error) -> error == null ? PushReply.accepted(okMessage)
                : PushReply.refused(reason(error)));
    }

    private static String reason(Throwable error) {
        Throwable t = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return String.valueOf(t.getMessage());
    }

    private static CompletableFuture<PushReply> done(PushReply reply) {
        return CompletableFuture.completedFuture(reply);
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
