package io.gochat.redis;

import java.util.Set;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;

/**
 * The one definition of a room's route, {@code gochat_room_servers_<roomId>}: a hash serverId → live
 * connections in the room on that connect server. Presence (logic) writes it, passing {@link #key} to
 * its scripts; task reads it, so a room message goes only to the connect servers that hold members of
 * the room, not to every connect server.
 */
public final class RoomRoutes {
    private RoomRoutes() {
    }

    public static String key(long roomId) {
        return KeyLayout.in(KeyLayout.PRESENCE, "gochat_room_servers_" + roomId);
    }

    /** The connect servers holding members of the room, inside a pipeline (a batch's rooms in one round trip). */
    public static Response<Set<String>> servers(AbstractPipeline pipeline, long roomId) {
        return pipeline.hkeys(key(roomId));
    }
}
