package io.gochat.task.delivery;

import io.gochat.redis.RoomRoutes;
import io.gochat.redis.UserRoutes;
import io.gochat.redis.queue.QueuedMessage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;

/**
 * Which connect servers a message goes to: a private message to those that hold its recipient, a room
 * message (and a room's count or member list) to those that hold members of the room. The routes of a
 * whole batch come in one round trip. A server found here that is no longer registered is counted as
 * retried by the lanes. A server that vanished from a route within the retry window without leaving
 * cleanly (a paused one) is still a target ({@link RecentRoutes}).
 */
public final class RecipientRouter {
    private final RecentRoutes recent;

    /** @param registered whether a connect server is registered in etcd now */
    public RecipientRouter(long windowMillis, java.util.function.Predicate<String> registered) {
        this.recent = new RecentRoutes(windowMillis, registered);
    }

    /** Only the servers the routes name now (tests). */
    public RecipientRouter() {
        this(0, s -> true);
    }

    /** Target serverIds per message, index-aligned with {@code batch}. */
    public List<List<String>> route(Jedis jedis, List<QueuedMessage> batch) {
        Map<Long, Response<Set<String>>> users = new HashMap<>();
        Map<Long, Response<Set<String>>> rooms = new HashMap<>();
        Pipeline pipeline = jedis.pipelined();
        for (QueuedMessage m : batch) {
            if (m.isPrivate()) {
                users.computeIfAbsent(m.toUserId(), id -> UserRoutes.servers(pipeline, id));
            } else {
                rooms.computeIfAbsent(m.roomId(), id -> RoomRoutes.servers(pipeline, id));
            }
        }
        pipeline.sync();
        List<List<String>> out = new ArrayList<>(batch.size());
        long now = System.nanoTime();
        for (QueuedMessage m : batch) {
            Response<Set<String>> servers = m.isPrivate() ? users.get(m.toUserId()) : rooms.get(m.roomId());
            String route = m.isPrivate() ? UserRoutes.key(m.toUserId()) : RoomRoutes.key(m.roomId());
            out.add(recent.targets(route, servers.get(), now));
        }
        return out;
    }
}
