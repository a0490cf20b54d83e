package io.gochat.logic.history;

import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.AbstractPipeline;

/**
 * Private messages a user has not acknowledged yet, per user in a Redis sorted set
 * {@code gochat_unacked_<userId>}. All scores are 0 and each member is the id zero-padded to 19 digits,
 * ':' and the body, so the set is ordered by id without the precision loss of a double score, and
 * "this id" and "every id up to N" are lexicographic ranges. Only the latest {@value #LIMIT} are kept
 * (older ones stay in the message store, see {@code /history/since}).
 */
public final class UnackedMessages {
    public static final int LIMIT = 500;
    private static final int ID_DIGITS = 19;

    private final UnifiedJedis redis;

    public UnackedMessages(UnifiedJedis redis) {
        this.redis = redis;
    }

    public static String key(long userId) {
        return "gochat_unacked_" + userId;
    }

    /** Adds a message to the recipient's set in {@code pipeline}, trimming the set to the newest {@value #LIMIT}. */
    public static void add(AbstractPipeline pipeline, long userId, long msgId, String body) {
        String key = key(userId);
        pipeline.zadd(key, 0, padded(msgId) + ":" + body);
        pipeline.zremrangeByRank(key, 0, -(LIMIT + 1));
    }

    /** The user's unacknowledged message bodies, oldest first. */
    public List<String> pending(long userId) {
        List<String> members = redis.zrange(key(userId), -LIMIT, -1);
        List<String> bodies = new ArrayList<>(members.size());
        for (String m : members) {
            bodies.add(m.substring(ID_DIGITS + 1));
        }
        return bodies;
    }

    /** Removes message {@code msgId}, or with {@code upTo} every message up to it; answers how many. */
    public long ack(long userId, long msgId, boolean upTo) {
        if (msgId <= 0) {
            return 0;
        }
        String below = msgId == Long.MAX_VALUE ? "+" : "(" + padded(msgId + 1);
        return redis.zremrangeByLex(key(userId), upTo ? "-" : "[" + padded(msgId), below);
    }

    private static String padded(long id) {
        String digits = Long.toString(id);
        return "0".repeat(ID_DIGITS - digits.length()) + digits;
    }
}
