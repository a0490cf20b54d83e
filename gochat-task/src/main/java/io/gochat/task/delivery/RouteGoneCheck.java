package io.gochat.task.delivery;

import io.gochat.cluster.discovery.ServiceWatcher;
import io.gochat.protocol.service.Delivery;
import io.gochat.redis.RoomRoutes;
import io.gochat.redis.UserRoutes;
import redis.clients.jedis.UnifiedJedis;

/**
 * A recipient is provably gone from a connect server when the server is not registered in etcd AND the
 * recipient's route (the user's, or the room's) no longer names it: presence removed its connections. A
 * group delivery (to every connect server, no route) is gone with the server's registration.
 */
public final class RouteGoneCheck implements GoneCheck {
    private final UnifiedJedis redis;
    private final ServiceWatcher connects;

    public RouteGoneCheck(UnifiedJedis redis, ServiceWatcher connects) {
        this.redis = redis;
        this.connects = connects;
    }

    @Override
    public boolean gone(String serverId, Delivery delivery) {
        if (connects.servers().containsKey(serverId)) {
            return false;
        }
        if (delivery.toGroup()) {
            return true;
        }
        String route = delivery.toRoom() ? RoomRoutes.key(delivery.targetId()) : UserRoutes.key(delivery.targetId());
        return !redis.hexists(route, serverId);
    }
}
