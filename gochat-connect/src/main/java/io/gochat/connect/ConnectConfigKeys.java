package io.gochat.connect;

import static io.gochat.core.config.ConfigKey.Type.BOOLEAN;
import static io.gochat.core.config.ConfigKey.Type.DURATION;
import static io.gochat.core.config.ConfigKey.Type.INT;
import static io.gochat.core.config.ConfigKey.Type.LIST;
import static io.gochat.core.config.ConfigKey.Type.STRING;

import io.gochat.core.config.ConfigKey;
import io.gochat.core.config.ConfigKeySet;
import java.util.List;

/** Config keys of connect servers: client connections. Names are a contract: scripts start modules with them. */
public final class ConnectConfigKeys implements ConfigKeySet {
    public static final ConfigKey CONNECT_BUCKETS = new ConfigKey("connect.buckets", INT, "0",
            "buckets per connect server; 0 = twice the cores");
    public static final ConfigKey CONNECT_AUTH_TIMEOUT = new ConfigKey("connect.auth.timeout", DURATION, "10s",
            "a connection that has not authenticated by then is closed");
    public static final ConfigKey CONNECT_IDLE_TIMEOUT = new ConfigKey("connect.idle.timeout", DURATION, "60s",
            "a connection silent for this long is closed (the server pings at 9/10 of it); one still taking the server's writes gets up to 3 times as long");
    public static final ConfigKey CONNECT_WS_MAX_FRAME = new ConfigKey("connect.ws.maxFrame", INT, "65536",
            "largest WebSocket frame a client may send, bytes");
    public static final ConfigKey CONNECT_TCP_MAX_FRAME = new ConfigKey("connect.tcp.maxFrame", INT, "32767",
            "largest TCP frame a client may send, bytes (header included; the format caps it at 32767)");
    public static final ConfigKey CONNECT_SLOW_READER = new ConfigKey("connect.slowReader", STRING, "drop",
            "what happens to a client whose socket buffer is full: drop (skip messages, counted) or close");
    public static final ConfigKey CONNECT_TCP_IDLE_TIMEOUT = new ConfigKey("connect.tcp.idle.timeout", DURATION, "0",
            "TCP clients silent this long are closed; 0 = never (gochat's TCP clients send nothing after joining; dead peers are found by TCP keepalive)");
    public static final ConfigKey CONNECT_MAX_PER_USER = new ConfigKey("connect.maxPerUser", INT, "5",
            "connections one user may hold on a connect server; one more closes the oldest (after a notice frame); 0 = no cap");
    public static final ConfigKey CONNECT_MAX_PER_IP = new ConfigKey("connect.maxPerIp", INT, "1000",
            "open connections per client IP on a connect server; more are closed at once; 0 = no cap");
    public static final ConfigKey CONNECT_WS_ORIGINS = new ConfigKey("connect.ws.origins", LIST, "",
            "web page origins allowed to open a WebSocket; empty = pages from the WebSocket's own host; * = any");
    public static final ConfigKey CONNECT_PRESENCE_CHECK = new ConfigKey("connect.presence.check", DURATION, "5s",
            "how often a connect server compares its connections with the presence recorded in Redis and re-announces them when they differ (every 12th check in full)");
    public static final ConfigKey EPOLL = new ConfigKey("netty.epoll", BOOLEAN, "true",
            "use native epoll when available");

    @Override
    public int order() {
        return 50;
    }

    @Override
    public List<ConfigKey> keys() {
        return List.of(CONNECT_BUCKETS, CONNECT_AUTH_TIMEOUT, CONNECT_IDLE_TIMEOUT, CONNECT_WS_MAX_FRAME, CONNECT_TCP_MAX_FRAME, CONNECT_SLOW_READER, CONNECT_TCP_IDLE_TIMEOUT, CONNECT_MAX_PER_USER,
                CONNECT_MAX_PER_IP, CONNECT_WS_ORIGINS, CONNECT_PRESENCE_CHECK, EPOLL);
    }
}
