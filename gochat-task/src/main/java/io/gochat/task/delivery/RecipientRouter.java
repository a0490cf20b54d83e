package io.gochat.task.delivery;

import io.gochat.redis.RoomRoutes;
import io.gochat.redis.UserRoutes;
import io.gochat.redis.queue.QueuedMessage;
import java.util.ArrayList;
import java.util.Collection;
import java.util.function.Supplier;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;

/**
 * Which connect servers a message goes to: a private message (or a notice to one user: contacts, a group
 * notice) to those that hold its recipient, a room message (and a room's count or member list) to those
 * that hold members of the room, a group message to every connect server (each knows which of its users
 * are in which group, so a group of any size costs one delivery per connect server). The routes of a
 * whole batch come in one round trip. A server found here that is no longer registered is counted as
 * retried by the lanes. A server that vanished from a route within the retry window without leaving
 * cleanly (a paused one) is still a target ({@link RecentRoutes}).
 */
public final class RecipientRouter {
    private final RecentRoutes recent;
    private final Supplier<Collection<String>> connectServers;

    /**
     * @param registered     whether a connect server is registered in etcd now
     * @param connectServers the ids of the live connect servers (the targets of a group message)
     */
    public RecipientRouter(long windowMillis, java.util.function.Predicate<String> registered,
                           Supplier<Collection<String>> connectServers) {
        this.recent = new RecentRoutes(windowMillis, registered);
        this.connectServers = connectServers;
    }

    /** Without groups: a group message goes nowhere. */
    public RecipientRouter(long windowMillis, java.util.function.Predicate<String> registered) {
        this(windowMillis, registered, List::of);
    }

    /** Only the servers the routes name now (tests); a group message goes nowhere. */
    public RecipientRouter() {
        this(0, s -> true);
    }

    /** Only the servers the routes name now (tests), a group message to {@code connectServers}. */
    public RecipientRouter(Supplier<Collection<String>> connectServers) {
        this(0, s -> true, connectServers);
    }

    /** Target serverIds per message, index-aligned with {@code batch}. */
    public List<List<String>> route(UnifiedJedis jedis, List<QueuedMessage> batch) {
        Map<Long, Response<Set<String>>> users = new HashMap<>();
        Map<Long, Response<Set<String>>> rooms = new HashMap<>();
        try (AbstractPipeline pipeline = jedis.pipelined()) {
            for (QueuedMessage m : batch) {
                if (m.isForUser()) {
                    users.computeIfAbsent(m.toUserId(), id -> UserRoutes.servers(pipeline, id));
                } else if (m.isForGroup()) {
                    continue;
                } else {
                    rooms.computeIfAbsent(m.roomId(), id -> RoomRoutes.servers(pipeline, id));
                }
            }
            pipeline.sync();
        }
        List<List<String>> out = new ArrayList<>(batch.size());
        long now = System.nanoTime();
        List<String> everyServer = null;
        for (QueuedMessage m : batch) {
            if (m.isForGroup()) {
                if (everyServer == null) {
                    everyServer = List.copyOf(connectServers.get());
                }
                out.add(everyServer);
                continue;
            }
            Response<Set<String>> servers = m.isForUser() ? users.get(m.toUserId()) : rooms.get(m.roomId());
            String route = m.isForUser() ? UserRoutes.key(m.toUserId()) : RoomRoutes.key(m.roomId());
            out.add(recent.targets(route, servers.get(), now));
        }
        return out;
    }
}
