package io.gochat.logic.history;

import io.gochat.protocol.service.HistoryQuery;
import io.gochat.protocol.service.HistoryReply;
import io.gochat.logic.presence.PresenceKeys;
import io.gochat.logic.storage.UserDatabase;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import redis.clients.jedis.UnifiedJedis;

/**
 * Reads stored messages for users, with the permissions: a room's history only for its members (users
 * with a live connection in the room now, per presence), a private conversation only for its two users
 * (the conversation is always the caller's own with {@code targetId}, so nobody else can name it).
 */
public final class HistoryService {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    /** The id up to which a user removed a 1:1 history (contacts: "remove friend and history"); 0 = none. */
    public interface PrivateCut {
        long upTo(long userId, long peerId);
    }

    private final UserDatabase db;
    private final UnifiedJedis redis;
    private final PrivateCut cut;

    public HistoryService(UserDatabase db, UnifiedJedis redis) {
        this(db, redis, (user, peer) -> 0);
    }

    public HistoryService(UserDatabase db, UnifiedJedis redis, PrivateCut cut) {
        this.db = db;
        this.redis = redis;
        this.cut = cut;
    }

    public HistoryReply room(HistoryQuery q) {
        if (q.targetId() <= 0) {
            return HistoryReply.refused("roomId must be a positive number");
        }
        boolean member;
        member = redis.hexists(PresenceKeys.room(q.targetId()), Long.toString(q.userId()));
        if (!member) {
            return HistoryReply.refused("only members of room " + q.targetId()
                    + " may read its history; connect to the room first");
        }
        return page(StoredMessage.roomConversation(q.targetId()), q, 0);
    }

    public HistoryReply between(HistoryQuery q) {
        if (q.targetId() <= 0) {
            return HistoryReply.refused("withUserId must be a user id");
        }
        return page(StoredMessage.privateConversation(q.userId(), q.targetId()), q, cut.upTo(q.userId(), q.targetId()));
    }

    /** Private messages to {@code userId} after {@code sinceId}, oldest first. */
    public HistoryReply since(long userId, long sinceId, int limit) {
        List<String> bodies = db.withMessages(m -> m.privateSince(userId, Math.max(sinceId, 0), clamp(limit)));
        return HistoryReply.of(bodies);
    }

    /**
     * A page of any conversation (the caller has checked who may read it): the newest messages below
     * {@code q.beforeId()}, oldest first.
     */
    public HistoryReply conversation(String conversation, HistoryQuery q) {
        return page(conversation, q, 0);
    }

    /** A conversation's messages after {@code sinceId}, oldest first (the caller has checked who may read it). */
    public HistoryReply conversationSince(String conversation, long sinceId, int limit) {
        return HistoryReply.of(db.withMessages(m -> m.conversationSince(conversation, Math.max(sinceId, 0), clamp(limit))));
    }

    /** The newest messages below {@code beforeId}, returned oldest first. */
    private HistoryReply page(String conversation, HistoryQuery q, long afterId) {
        long before = q.beforeId() <= 0 ? Long.MAX_VALUE : q.beforeId();
        List<String> newestFirst = afterId <= 0
                ? db.withMessages(m -> m.latestBefore(conversation, before, clamp(q.limit())))
                : db.withMessages(m -> m.latestBetween(conversation, afterId, before, clamp(q.limit())));
        List<String> oldestFirst = new ArrayList<>(newestFirst);
        Collections.reverse(oldestFirst);
        return HistoryReply.of(oldestFirst);
    }

    static int clamp(int limit) {
        return limit <= 0 ? DEFAULT_LIMIT : Math.min(limit, MAX_LIMIT);
    }
}
