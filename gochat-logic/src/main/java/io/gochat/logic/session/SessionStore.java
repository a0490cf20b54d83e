package io.gochat.logic.session;

import io.gochat.protocol.service.SessionInfo;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.Transaction;

/**
 * Sessions in Redis under gochat's key: hash {@code sess_<token>} = {userId, userName, exp} with a TTL
 * ({@code exp} = epoch ms of the expiry, so a socket can be closed when its token expires). Two kinds:
 * gochat's single long-lived token ({@code session.ttl}), and an access token ({@code session.access.ttl})
 * paired with a refresh token ({@code sess_refresh_<token>}, {@code session.refresh.ttl}) that buys the
 * next pair once. Every key of a user is listed in {@code sess_user_<userId>} so that a password change
 * or a deleted account ends them all. Creation is one MULTI/EXEC on one connection, so a session never
 * exists without its expiry. This class owns all three keys.
 */
public final class SessionStore {
    /** A fresh access + refresh token pair. */
    public record Pair(String access, String refresh, SessionInfo session) {
    }

    private static final String REFRESH_FIELD = "refresh";
    private static final String TAKE_REFRESH = """
            local v = redis.call('HGETALL', KEYS[1])
            redis.call('DEL', KEYS[1])
            return v
            """;

    private final JedisPool redis;
    private final long singleTtlMillis;
    private final long accessTtlMillis;
    private final long refreshTtlMillis;

    public SessionStore(JedisPool redis, Duration ttl) {
        this(redis, ttl, Duration.ofMinutes(15), Duration.ofDays(30));
    }

    public SessionStore(JedisPool redis, Duration singleTtl, Duration accessTtl, Duration refreshTtl) {
        this.redis = redis;
        this.singleTtlMillis = Math.max(1, singleTtl.toMillis());
        this.accessTtlMillis = Math.max(1, accessTtl.toMillis());
        this.refreshTtlMillis = Math.max(1, refreshTtl.toMillis());
    }

    static String key(String token) {
        return "sess_" + token;
    }

    static String refreshKey(String token) {
        return "sess_refresh_" + token;
    }

    static String userKey(long userId) {
        return "sess_user_" + userId;
    }

    public long accessTtlSeconds() {
        return accessTtlMillis / 1000;
    }

    public long refreshTtlSeconds() {
        return refreshTtlMillis / 1000;
    }

    /** Opens gochat's kind of session (one token, {@code session.ttl}) and returns its token. */
    public String open(long userId, String userName) {
        String token = Tokens.next();
        try (Jedis jedis = redis.getResource()) {
            Transaction tx = jedis.multi();
            put(tx, userId, userName, token, singleTtlMillis, null);
            tx.exec();
            prune(jedis, userId);
        }
        return token;
    }

    /** Opens a session as an access token and the refresh token that renews it. */
    public Pair openPair(long userId, String userName) {
        String access = Tokens.next();
        String refresh = Tokens.next();
        long now = System.currentTimeMillis();
        try (Jedis jedis = redis.getResource()) {
            Transaction tx = jedis.multi();
            put(tx, userId, userName, access, accessTtlMillis, refresh);
            tx.hset(refreshKey(refresh), Map.of("userId", Long.toString(userId), "userName", userName));
            tx.pexpire(refreshKey(refresh), refreshTtlMillis);
            tx.sadd(userKey(userId), refreshKey(refresh));
            tx.exec();
            prune(jedis, userId);
        }
        return new Pair(access, refresh, new SessionInfo(userId, userName, now + accessTtlMillis));
    }

    private void put(Transaction tx, long userId, String userName, String token, long ttlMillis, String refresh) {
        Map<String, String> fields = new HashMap<>();
        fields.put("userId", Long.toString(userId));
        fields.put("userName", userName);
        fields.put("exp", Long.toString(System.currentTimeMillis() + ttlMillis));
        if (refresh != null) {
            fields.put(REFRESH_FIELD, refresh);
        }
        tx.hset(key(token), fields);
        tx.pexpire(key(token), ttlMillis);
        tx.sadd(userKey(userId), key(token));
        // the index lives as long as the longest session it lists (keys that expired are skipped when used)
        tx.pexpire(userKey(userId), Math.max(singleTtlMillis, refreshTtlMillis));
    }

    /** Keeps a busy user's index small: names of keys that expired are dropped once it passes 64. */
    private static void prune(Jedis jedis, long userId) {
        if (jedis.scard(userKey(userId)) <= 64) {
            return;
        }
        for (String k : jedis.smembers(userKey(userId))) {
            if (!jedis.exists(k)) {
                jedis.srem(userKey(userId), k);
            }
        }
    }

    /**
     * Uses up a refresh token: the user it was issued to, or null if it is unknown, used or expired.
     * Atomic (one script), so two concurrent refreshes with one token cannot both succeed.
     */
    public SessionInfo takeRefresh(String refreshToken) {
        if (!Tokens.plausible(refreshToken)) {
            return null;
        }
        Object reply;
        try (Jedis jedis = redis.getResource()) {
            reply = jedis.eval(TAKE_REFRESH, List.of(refreshKey(refreshToken)), List.of());
        }
        Map<String, String> fields = new HashMap<>();
        List<?> flat = (List<?>) reply;
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            fields.put(text(flat.get(i)), text(flat.get(i + 1)));
        }
        return parse(fields);
    }

    private static String text(Object o) {
        return o instanceof byte[] b ? new String(b, java.nio.charset.StandardCharsets.UTF_8) : String.valueOf(o);
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

    /** Deletes the session (and the refresh token paired with it); false if there was none. */
    public boolean revoke(String token) {
        if (!Tokens.plausible(token)) {
            return false;
        }
        try (Jedis jedis = redis.getResource()) {
            String refresh = jedis.hget(key(token), REFRESH_FIELD);
            if (refresh != null) {
                jedis.del(refreshKey(refresh));
            }
            return jedis.del(key(token)) > 0;
        }
    }

    /** Deletes every session and refresh token of the user; answers how many were live. */
    public long revokeAll(long userId) {
        try (Jedis jedis = redis.getResource()) {
            Set<String> keys = jedis.smembers(userKey(userId));
            long n = keys.isEmpty() ? 0 : jedis.del(keys.toArray(String[]::new));
            jedis.del(userKey(userId));
            return n;
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
            String exp = fields.get("exp");
            return userId > 0 ? new SessionInfo(userId, name, exp == null ? 0 : Long.parseLong(exp)) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
