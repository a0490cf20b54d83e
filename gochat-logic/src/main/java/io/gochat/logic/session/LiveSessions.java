package io.gochat.logic.session;

import io.gochat.redis.UserRoutes;
import io.gochat.cluster.rpc.RpcClientPool;
import io.gochat.protocol.service.ConnectService;
import io.gochat.protocol.service.SessionTokens;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;

/**
 * A logged-out token is refused everywhere, including the sockets it already opened: the connect
 * servers that hold the user (its route) are asked to close the connections of that session.
 */
public final class LiveSessions {
    private static final Logger log = LoggerFactory.getLogger(LiveSessions.class);

    private final UnifiedJedis redis;
    private volatile RpcClientPool<ConnectService> connects;

    public LiveSessions(UnifiedJedis redis) {
        this.redis = redis;
    }

    /** Set once logic's RPC runtime runs (its service must be exported before the pool starts it). */
    public void reachConnectServersWith(RpcClientPool<ConnectService> pool) {
        this.connects = pool;
    }

    /**
     * Every session of the user ended (password change, deleted account): every connect server holding
     * the user closes all the user's sockets, those still authenticating included. Without waiting.
     */
    public void closeUser(long userId, String reason) {
        RpcClientPool<ConnectService> pool = connects;
        if (pool == null) {
            return;
        }
        Set<String> servers = UserRoutes.servers(redis, userId);
        // servers that do not list the user yet may hold a socket still authenticating: tell them all
        for (RpcClientPool.Target<ConnectService> target : pool.targets()) {
            String serverId = target.info().serverId();
            target.proxy().closeUser(userId, reason).whenComplete((n, e) -> {
                if (e != null && servers.contains(serverId)) {
                    log.warn("could not close the sockets of user {} on {}: {}", userId, serverId, e.toString());
                } else if (n != null && n > 0) {
                    log.info("closed {} socket(s) of user {} on {}: {}", n, userId, serverId, reason);
                }
            });
        }
    }

    /**
     * Asks, without waiting, every connect server to close that session's sockets: every one, not only
     * those the user's route lists, because a socket still authenticating is not in the route yet (the
     * connect server remembers the revocation and refuses it when logic's answer arrives).
     */
    public void close(long userId, String token) {
        RpcClientPool<ConnectService> pool = connects;
        if (pool == null) {
            return;
        }
        int hash = SessionTokens.hash(token);
        for (RpcClientPool.Target<ConnectService> target : pool.targets()) {
            String serverId = target.info().serverId();
            target.proxy().closeSession(userId, hash).whenComplete((n, e) -> {
                if (e != null) {
                    log.atWarn().addKeyValue("userId", userId)
                            .log("could not close the sockets of user {} on {}: {}", userId, serverId, e.toString());
                } else if (n > 0) {
                    log.atInfo().addKeyValue("userId", userId)
                            .log("closed {} socket(s) of user {} on {} after logout", n, userId, serverId);
                }
            });
        }
    }
}
