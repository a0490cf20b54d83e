package io.gochat.logic.session;

import io.gochat.protocol.service.SessionInfo;
import java.time.Duration;
import java.util.Map;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.Transaction;

/**
 * Sessions in Redis under gochat's key: hash {@code sess_<token>} = {userId, userName} with a TTL.
 * Creation is one MULTI/EXEC on one connection, so a session never exists without its expiry
 * (gochat sent MULTI through a pool, which guaranteed nothing).
 */
public final class SessionStore {
    private final JedisPool redis;
    private final long ttlMillis;

    public SessionStore(JedisPool redis, Duration ttl) {
        this.redis = redis;
        this.ttlMillis = Math.max(1, ttl.toMillis());
    }

    static String key(String token) {
        return "sess_" + token;
    }

    /** Opens a new session for the user and returns its token. */
    public String open(long userId, String userName) {
        String token = Tokens.next();
        try (Jedis jedis = redis.getResource()) {
            Transaction tx = jedis.multi();
            tx.hset(key(token), Map.of("userId", Long.toString(userId), "userName", userName));
            tx.pexpire(key(token), ttlMillis);
            tx.exec();
        }
        return token;
    }

    /** The session, or null if the token is unknown, revoked or expired. */
    public SessionInfo find(String token) {
        if (!Tokens.plausible(token)) {
            return null;
        }
        Map<String, String> fields;
        try (Jedis jedis = redis.getResource()) {
            fields = jedis.hgetAll(key(token));
        }
        return parse(fields);
    }

    /**
     * {@link #find} as part of a pipeline the caller syncs (many sessions in one round trip); null when the
     * token cannot be a session (nothing is asked). Read the answer with {@link #session}.
     */
    public static Response<Map<String, String>> find(Pipeline pipeline, String token) {
        return Tokens.plausible(token) ? pipeline.hgetAll(key(token)) : null;
    }

    /** The session in a pipelined answer of {@link #find(Pipeline, String)}, or null. */
    public static SessionInfo session(Response<Map<String, String>> answer) {
        return answer == null ? null : parse(answer.get());
    }

    /** Deletes the session; false if there was none. */
    public boolean revoke(String token) {
        if (!Tokens.plausible(token)) {
            return false;
        }
        try (Jedis jedis = redis.getResource()) {
            return jedis.del(key(token)) > 0;
        }
    }

    private static SessionInfo parse(Map<String, String> fields) {
        String id = fields.get("userId");
        String name = fields.get("userName");
        if (id == null || name == null || name.isEmpty()) {
            return null;
        }
        try {
            long userId = Long.parseLong(id);
            return userId > 0 ? new SessionInfo(userId, name) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
