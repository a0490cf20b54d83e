package io.gochat.logic.session;

import io.gochat.redis.KeyLayout;

import io.gochat.protocol.service.SessionInfo;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;

/**
 * Sessions in Redis under gochat's key: hash {@code sess_<token>} = {userId, userName, exp} with a TTL
 * ({@code exp} = epoch ms of the expiry, so a socket can be closed when its token expires). Two kinds:
 * gochat's single long-lived token ({@code session.ttl}), and an access token ({@code session.access.ttl})
 * paired with a refresh token ({@code sess_refresh_<token>}, {@code session.refresh.ttl}) that buys the
 * next pair once. Every key of a user is listed in {@code sess_user_<userId>} so that a password change
 * or a deleted account ends them all. Creation is one script, so a session never exists without its expiry
 * (on a Redis Cluster the three keys share a hash tag, {@link KeyLayout}). This class owns all three keys.
 */
public final class SessionStore {
    /** A fresh access + refresh token pair. */
    public record Pair(String access, String refresh, SessionInfo session) {
    }

    private static final String REFRESH_FIELD = "refresh";
    /**
     * KEYS: session, the user's index, [refresh token]. ARGV: userId, userName, exp (epoch ms), ttl ms,
     * index ttl ms, refresh token or "", refresh ttl ms.
     */
    private static final String OPEN = """
            if ARGV[6] == '' then
              redis.call('HSET', KEYS[1], 'userId', ARGV[1], 'userName', ARGV[2], 'exp', ARGV[3])
            else
              redis.call('HSET', KEYS[1], 'userId', ARGV[1], 'userName', ARGV[2], 'exp', ARGV[3], 'refresh', ARGV[6])
            end
            redis.call('PEXPIRE', KEYS[1], ARGV[4])
            redis.call('SADD', KEYS[2], KEYS[1])
            if KEYS[3] then
              redis.call('HSET', KEYS[3], 'userId', ARGV[1], 'userName', ARGV[2])
              redis.call('PEXPIRE', KEYS[3], ARGV[7])
              redis.call('SADD', KEYS[2], KEYS[3])
            end
            redis.call('PEXPIRE', KEYS[2], ARGV[5])
            return 1
            """;
    private static final String TAKE_REFRESH = """
            local v = redis.call('HGETALL', KEYS[1])
            redis.call('DEL', KEYS[1])
            return v
            """;

    private final UnifiedJedis redis;
    private final long singleTtlMillis;
    private final long accessTtlMillis;
    private final long refreshTtlMillis;

    public SessionStore(UnifiedJedis redis, Duration ttl) {
        this(redis, ttl, Duration.ofMinutes(15), Duration.ofDays(30));
    }

    public SessionStore(UnifiedJedis redis, Duration singleTtl, Duration accessTtl, Duration refreshTtl) {
        this.redis = redis;
        this.singleTtlMillis = Math.max(1, singleTtl.toMillis());
        this.accessTtlMillis = Math.max(1, accessTtl.toMillis());
        this.refreshTtlMillis = Math.max(1, refreshTtl.toMillis());
    }

    static String key(String token) {
        return KeyLayout.in(KeyLayout.SESSIONS, "sess_" + token);
    }

    static String refreshKey(String token) {
        return KeyLayout.in(KeyLayout.SESSIONS, "sess_refresh_" + token);
    }

    static String userKey(long userId) {
        return KeyLayout.in(KeyLayout.SESSIONS, "sess_user_" + userId);
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
        put(userId, userName, token, singleTtlMillis, null);
        prune(redis, userId);
        return token;
    }

    /** Opens a session as an access token and the refresh token that renews it. */
    public Pair openPair(long userId, String userName) {
        String access = Tokens.next();
        String refresh = Tokens.next();
        long now = System.currentTimeMillis();
        put(userId, userName, access, accessTtlMillis, refresh);
        prune(redis, userId);
        return new Pair(access, refresh, new SessionInfo(userId, userName, now + accessTtlMillis));
    }

    /** One script: the session (and its refresh token) never exists without its expiry or outside the index. */
    private void put(long userId, String userName, String token, long ttlMillis, String refresh) {
        List<String> keys = refresh == null ? List.of(key(token), userKey(userId))
                : List.of(key(token), userKey(userId), refreshKey(refresh));
        // the index lives as long as the longest session it lists (keys that expired are skipped when used)
        redis.eval(OPEN, keys, List.of(Long.toString(userId), userName,
                Long.toString(System.currentTimeMillis() + ttlMillis), Long.toString(ttlMillis),
                Long.toString(Math.max(singleTtlMillis, refreshTtlMillis)), refresh == null ? "" : refresh,
                Long.toString(refreshTtlMillis)));
    }

    /** Keeps a busy user's index small: names of keys that expired are dropped once it passes 64. */
    private static void prune(UnifiedJedis jedis, long userId) {
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
        Object reply = redis.eval(TAKE_REFRESH, List.of(refreshKey(refreshToken)), List.of());
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
        Map<String, String> fields = redis.hgetAll(key(token));
        return parse(fields);
    }

    /**
     * {@link #find} as part of a pipeline the caller syncs (many sessions in one round trip); null when the
     * token cannot be a session (nothing is asked). Read the answer with {@link #session}.
     */
    public static Response<Map<String, String>> find(AbstractPipeline pipeline, String token) {
        return Tokens.plausible(token) ? pipeline.hgetAll(key(token)) : null;
    }

    /** The session in a pipelined answer of {@link #find(AbstractPipeline, String)}, or null. */
    public static SessionInfo session(Response<Map<String, String>> answer) {
        return answer == null ? null : parse(answer.get());
    }

    /** Deletes the session (and the refresh token paired with it); false if there was none. */
    public boolean revoke(String token) {
        if (!Tokens.plausible(token)) {
            return false;
        }
        String refresh = redis.hget(key(token), REFRESH_FIELD);
        if (refresh != null) {
            redis.del(refreshKey(refresh));
        }
        return redis.del(key(token)) > 0;
    }

    /** Deletes every session and refresh token of the user; answers how many were live. */
    public long revokeAll(long userId) {
        Set<String> keys = redis.smembers(userKey(userId));
        long n = keys.isEmpty() ? 0 : redis.del(keys.toArray(String[]::new));
        redis.del(userKey(userId));
        return n;
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
