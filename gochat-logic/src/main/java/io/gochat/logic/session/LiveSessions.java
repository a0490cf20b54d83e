package io.gochat.logic.session;

import io.gochat.redis.UserRoutes;
import io.gochat.redis.queue.QueueKeys;
import io.gochat.cluster.rpc.RpcClientPool;
import io.gochat.protocol.service.ConnectService;
import io.gochat.protocol.service.SessionTokens;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;

/**
 * A logged-out token is refused everywhere, including the sockets it already opened: the connect
 * servers that hold the user (its route) are asked to close the connections of that session.
 */
public final class LiveSessions {
    private static final Logger log = LoggerFactory.getLogger(LiveSessions.class);

    private final JedisPool redis;
    private volatile RpcClientPool<ConnectService> connects;

    public LiveSessions(JedisPool redis) {
        this.redis = redis;
    }

    /** Set once logic's RPC runtime runs (its service must be exported before the pool starts it). */
    public void reachConnectServersWith(RpcClientPool<ConnectService> pool) {
        this.connects = pool;
    }

    /** Asks, without waiting, every connect server holding the user to close that session's sockets. */
    public void close(long userId, String token) {
        RpcClientPool<ConnectService> pool = connects;
        if (pool == null) {
            return;
        }
        Set<String> servers;
        try (Jedis jedis = redis.getResource()) {
            servers = UserRoutes.servers(jedis, userId);
        }
        int hash = SessionTokens.hash(token);
        for (String serverId : servers) {
            pool.byServerId(serverId).ifPresent(connect -> connect.closeSession(userId, hash).whenComplete((n, e) -> {
                if (e != null) {
                    log.atWarn().addKeyValue("userId", userId)
                            .log("could not close the sockets of user {} on {}: {}", userId, serverId, e.toString());
                } else if (n > 0) {
                    log.atInfo().addKeyValue("userId", userId)
                            .log("closed {} socket(s) of user {} on {} after logout", n, userId, serverId);
                }
            }));
        }
    }
}
