package io.gochat.task.delivery;

import io.gochat.redis.UserRoutes;
import io.gochat.cluster.discovery.ServiceWatcher;
import io.gochat.redis.queue.QueueKeys;
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
 * Which connect servers a message goes to: for a private message those that hold the recipient (its
 * route in Redis, looked up for the whole batch in one round trip), for room messages every connect
 * server.
 */
public final class RecipientRouter {
    private final ServiceWatcher connects;

    public RecipientRouter(ServiceWatcher connects) {
        this.connects = connects;
    }

    /** Target serverIds per message, index-aligned with {@code batch}. */
    public List<List<String>> route(Jedis jedis, List<QueuedMessage> batch) {
        Map<Long, Response<Set<String>>> routes = new HashMap<>();
        Pipeline pipeline = null;
        for (QueuedMessage m : batch) {
            if (m.isPrivate() && !routes.containsKey(m.toUserId())) {
                if (pipeline == null) {
                    pipeline = jedis.pipelined();
                }
                routes.put(m.toUserId(), UserRoutes.servers(pipeline, m.toUserId()));
            }
        }
        if (pipeline != null) {
            pipeline.sync();
        }
        List<String> everyServer = List.copyOf(connects.servers().keySet());
        List<List<String>> out = new ArrayList<>(batch.size());
        for (QueuedMessage m : batch) {
            out.add(m.isPrivate() ? List.copyOf(routes.get(m.toUserId()).get()) : everyServer);
        }
        return out;
    }
}
