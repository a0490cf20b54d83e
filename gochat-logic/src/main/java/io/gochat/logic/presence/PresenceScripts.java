package io.gochat.logic.presence;

/**
 * Lua scripts that change presence atomically. The per-server set decides whether a connection is
 * new (SADD) or really leaving (SREM), so retries and concurrent repairs never count twice.
 * KEYS: 1 server conns, 2 room hash, 3 room conns, 4 room count, 5 user route, 6 room route.
 */
final class PresenceScripts {
    /** ARGV: member, userId, userName, serverId. Returns {member count, 1 if the user just became a member}. */
    static final String CONNECT = """
            if redis.call('SADD', KEYS[1], ARGV[1]) == 1 then
              redis.call('HINCRBY', KEYS[3], ARGV[2], 1)
              redis.call('HINCRBY', KEYS[5], ARGV[4], 1)
              redis.call('HINCRBY', KEYS[6], ARGV[4], 1)
            end
            local added = redis.call('HSET', KEYS[2], ARGV[2], ARGV[3])
            local n = redis.call('HLEN', KEYS[2])
            redis.call('SET', KEYS[4], n)
            return {n, added}
            """;

    /**
     * ARGV: member, userId, serverId. Returns {member count, 1 if the user just left the room}, or
     * {-1, 0} if the connection was unknown.
     */
    static final String DISCONNECT = """
            if redis.call('SREM', KEYS[1], ARGV[1]) == 0 then
              return {-1, 0}
            end
            local left = 0
            if redis.call('HINCRBY', KEYS[3], ARGV[2], -1) <= 0 then
              redis.call('HDEL', KEYS[3], ARGV[2])
              left = redis.call('HDEL', KEYS[2], ARGV[2])
            end
            if redis.call('HINCRBY', KEYS[5], ARGV[3], -1) <= 0 then
              redis.call('HDEL', KEYS[5], ARGV[3])
            end
            if redis.call('HINCRBY', KEYS[6], ARGV[3], -1) <= 0 then
              redis.call('HDEL', KEYS[6], ARGV[3])
            end
            local n = redis.call('HLEN', KEYS[2])
            redis.call('SET', KEYS[4], n)
            return {n, left}
            """;

    private PresenceScripts() {
    }
}
