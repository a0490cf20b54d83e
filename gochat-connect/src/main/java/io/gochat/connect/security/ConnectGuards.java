package io.gochat.connect.security;

import io.gochat.connect.ConnectConfigKeys;
import io.gochat.core.config.GochatConfig;
import io.gochat.core.ratelimit.KeyedLimiter;
import io.gochat.core.ratelimit.LimitConfigKeys;
import java.util.List;

/**
 * What a connect server enforces besides the protocol: sessions revoked while a socket authenticates,
 * frames per client IP ({@code limit.socket.ip}), connections per user ({@code connect.maxPerUser}:
 * the oldest is closed) and per IP ({@code connect.maxPerIp}), and the WebSocket Origin allow-list.
 */
public record ConnectGuards(Revocations revocations, KeyedLimiter<String> framesPerIp, int maxPerUser,
                            IpConnectionLimit connectionsPerIp, OriginPolicy origins) {

    /** No limits (handler tests that are about something else). */
    public static ConnectGuards none() {
        return new ConnectGuards(new Revocations(), new KeyedLimiter<>(List.of()), 0, new IpConnectionLimit(0),
                OriginPolicy.any());
    }

    public static ConnectGuards from(GochatConfig config) {
        return new ConnectGuards(new Revocations(), new KeyedLimiter<>(config.rates(LimitConfigKeys.SOCKET_IP)),
                config.integer(ConnectConfigKeys.CONNECT_MAX_PER_USER),
                new IpConnectionLimit(config.integer(ConnectConfigKeys.CONNECT_MAX_PER_IP)),
                new OriginPolicy(config.list(ConnectConfigKeys.CONNECT_WS_ORIGINS)));
    }
}
