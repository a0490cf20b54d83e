package io.gochat.logic.message;

import io.gochat.cluster.ids.IdsUnavailableException;
import io.gochat.cluster.ids.MessageIds;
import io.gochat.protocol.Ops;
import io.gochat.redis.queue.MessageQueue;
import io.gochat.redis.queue.QueueFullException;
import io.gochat.redis.queue.QueuedMessage;
import io.gochat.protocol.service.PushReply;
import io.gochat.protocol.service.PushRequest;
import io.gochat.logic.history.MessageWriter;
import io.gochat.logic.presence.PresenceKeys;
import io.gochat.logic.user.AccountService;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import redis.clients.jedis.UnifiedJedis;

/**
 * Turns a push (from the HTTP API or a socket frame) into a queued message. Private and room messages go
 * to the {@link MessageWriter}, which checks, stamps (unique id, server time), stores and queues them in
 * batches; the caller's thread only checks the fields and enqueues. Counts and member lists (ops 4 and 5)
 * read Redis and go straight on the queue: those block, so they run on logic's worker pool.
 */
public final class MessagePublisher {
    public static final int MAX_MESSAGE_CHARS = 4096;
    public static final int MAX_CLIENT_MSG_ID = 64;
    public static final String STORED_FOR_OFFLINE = PushResolver.STORED_FOR_OFFLINE;

    private final UnifiedJedis redis;
    private final MessageQueue queue;
    private final MessageIds ids;
    private final MessageWriter store;

    public MessagePublisher(UnifiedJedis redis, MessageQueue queue, MessageIds ids, MessageWriter store) {
        this.redis = redis;
        this.queue = queue;
        this.ids = ids;
        this.store = store;
    }

    /** What the message writer needs to resolve this publisher's drafts (senders, recipients, ids, bodies). */
    public static MessageWriter.Resolver resolver(UnifiedJedis redis, MessageIds ids, AccountService accounts) {
        return resolver(redis, ids, accounts, from -> null);
    }

    /** @param senderCheck refuses a sender (the per-user rate limit); null = accept */
    public static MessageWriter.Resolver resolver(UnifiedJedis redis, MessageIds ids, AccountService accounts,
                                                  java.util.function.LongFunction<PushReply> senderCheck) {
        return resolver(redis, ids, accounts, senderCheck, PrivateMessageRules.NONE);
    }

    /** @param rules who may send whom a private message (blocks, the friends-only policy) */
    public static MessageWriter.Resolver resolver(UnifiedJedis redis, MessageIds ids, AccountService accounts,
                                                  java.util.function.LongFunction<PushReply> senderCheck,
                                                  PrivateMessageRules rules) {
        return new PushResolver(redis, ids, accounts, senderCheck, rules);
    }

    /** True for the ops that are stored messages (sent through {@link #push} / {@link #pushAs}). */
    public static boolean isMessage(int op) {
        return op == Ops.SINGLE || op == Ops.ROOM;
    }

    /** A private or room message whose sender is known (a socket's session); never blocks. */
    public CompletableFuture<PushReply> push(PushRequest r) {
        if (r.fromUserId() <= 0) {
            return done(PushReply.refused("no sender"));
        }
        if (!isMessage(r.op())) {
            return done(PushReply.refused("unknown op " + r.op()));
        }
        String problem = problem(r);
        return problem != null ? done(PushReply.refused(problem)) : store.submit(new PushDraft(null, r, null));
    }

    /**
     * A private or room message from whoever owns {@code token}; never blocks. The session is checked first
     * (40000 when it is not live), then the fields, as gochat does.
     */
    public CompletableFuture<PushReply> pushAs(String token, PushRequest r) {
        if (!isMessage(r.op())) {
            return done(PushReply.refused("unknown op " + r.op()));
        }
        return store.submit(new PushDraft(token, r, problem(r)));
    }

    /**
     * A typed message (checked by the caller: {@code r.msg()} is its preview text) from a known sender, or
     * from whoever owns {@code token} when it is not null; never blocks. {@code typed} learns the id.
     */
    public CompletableFuture<PushReply> pushTyped(String token, PushRequest r, Typed typed) {
        if (!isMessage(r.op())) {
            return done(PushReply.refused("unknown op " + r.op()));
        }
        if (token == null && r.fromUserId() <= 0) {
            return done(PushReply.refused("no sender"));
        }
        String problem = r.op() == Ops.ROOM && r.roomId() <= 0 ? "roomId must be a positive number" : null;
        return store.submit(new PushDraft(token, r, problem, typed));
    }

    /** Counts and member lists (ops 4, 5) for a sender already checked; blocking (Redis). */
    public PushReply roomOp(PushRequest r) {
        try {
            return switch (r.op()) {
                case Ops.ROOM_COUNT -> roomCount(r.roomId());
                case Ops.ROOM_INFO -> roomInfo(r.roomId());
                default -> PushReply.refused("unknown op " + r.op());
            };
        } catch (IdsUnavailableException e) {
            return PushReply.refused(e.getMessage());   // no message-id worker held now: busy, try again
        }
    }

    private static String problem(PushRequest r) {
        String text = checkText(r.msg());
        if (text != null) {
            return text;
        }
        if (r.clientMsgId() != null && (r.clientMsgId().isBlank() || r.clientMsgId().length() > MAX_CLIENT_MSG_ID)) {
            return "clientMsgId must be 1 to " + MAX_CLIENT_MSG_ID + " characters";
        }
        return r.op() == Ops.ROOM && r.roomId() <= 0 ? "roomId must be a positive number" : null;
    }

    private static CompletableFuture<PushReply> done(PushReply reply) {
        return CompletableFuture.completedFuture(reply);
    }

    public PushReply roomCount(long roomId) {
        if (roomId <= 0) {
            return PushReply.refused("roomId must be a positive number");
        }
        long count;
        count = redis.hlen(PresenceKeys.room(roomId));
        return queue(new QueuedMessage(Ops.ROOM_COUNT, ids.next(), 0, roomId, MessageBodies.roomCount(count)));
    }

    /** Sends the room's member list to the room; refused, as in gochat, when nobody is there. */
    public PushReply roomInfo(long roomId) {
        if (roomId <= 0) {
            return PushReply.refused("roomId must be a positive number");
        }
        Map<String, String> members = new TreeMap<>(redis.hgetAll(PresenceKeys.room(roomId)));
        if (members.isEmpty()) {
            return PushReply.refused("nobody is online in room " + roomId);
        }
        return queue(new QueuedMessage(Ops.ROOM_INFO, ids.next(), 0, roomId, MessageBodies.roomInfo(roomId, members)));
    }

    /** On the room's partition (after the room's messages); refused as busy when that partition is full. */
    private PushReply queue(QueuedMessage m) {
        try {
            queue.push(m);
            return PushReply.accepted();
        } catch (QueueFullException e) {
            return PushReply.refused(e.getMessage());
        }
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
