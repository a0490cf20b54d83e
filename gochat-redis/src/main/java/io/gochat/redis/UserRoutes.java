package io.gochat.redis;

import java.util.Set;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;

/**
 * The one definition of a user's route, {@code gochat_route_<userId>}: a hash serverId → live
 * connections of the user on that connect server. Presence (logic) writes it, passing {@link #key}
 * to its scripts; logic and task read it through here.
 */
public final class UserRoutes {
    private UserRoutes() {
    }

    public static String key(long userId) {
        return KeyLayout.in(KeyLayout.PRESENCE, "gochat_route_" + userId);
    }

    /** True if the user has a live connection anywhere. */
    public static boolean online(UnifiedJedis jedis, long userId) {
        return jedis.hlen(key(userId)) > 0;
    }

    /** {@link #online} inside a pipeline: the number of connect servers holding the user (0 = offline). */
    public static Response<Long> serverCount(AbstractPipeline pipeline, long userId) {
        return pipeline.hlen(key(userId));
    }

    /** The connect servers holding the user. */
    public static Set<String> servers(UnifiedJedis jedis, long userId) {
        return jedis.hkeys(key(userId));
    }

    /** {@link #servers} inside a pipeline, for a batch of users in one round trip. */
    public static Response<Set<String>> servers(AbstractPipeline pipeline, long userId) {
        return pipeline.hkeys(key(userId));
    }
}
