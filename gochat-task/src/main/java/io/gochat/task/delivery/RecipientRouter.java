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
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;

/**
 * Which connect servers a message goes to: a private message (or a group notice to one user) to those that
 * hold its recipient, a room message (and a room's count or member list) to those that hold members of the
 * room, a group message to every connect server (each knows which of its users are in which group, so a
 * group of any size costs one delivery per connect server). The routes of a whole batch come in one round
 * trip. A server found here that is no longer registered is counted as undeliverable by the lanes.
 */
public final class RecipientRouter {
    private final Supplier<Collection<String>> connectServers;

    /** Without groups (tests of rooms and users): a group message goes nowhere. */
    public RecipientRouter() {
        this(List::of);
    }

    /** @param connectServers the ids of the live connect servers */
    public RecipientRouter(Supplier<Collection<String>> connectServers) {
        this.connectServers = connectServers;
    }

    /** Target serverIds per message, index-aligned with {@code batch}. */
    public List<List<String>> route(Jedis jedis, List<QueuedMessage> batch) {
        Map<Long, Response<Set<String>>> users = new HashMap<>();
        Map<Long, Response<Set<String>>> rooms = new HashMap<>();
        Pipeline pipeline = jedis.pipelined();
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
        List<List<String>> out = new ArrayList<>(batch.size());
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
            out.add(List.copyOf(servers.get()));
        }
        return out;
    }
}
