package io.gochat.common.config;

import static io.gochat.common.config.ConfigKey.Type.BOOLEAN;
import static io.gochat.common.config.ConfigKey.Type.DURATION;
import static io.gochat.common.config.ConfigKey.Type.INT;
import static io.gochat.common.config.ConfigKey.Type.LIST;
import static io.gochat.common.config.ConfigKey.Type.PORT;
import static io.gochat.common.config.ConfigKey.Type.STRING;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every configuration key with its default. The names are a contract: scripts outside the code start
 * modules with them, so rename nothing without a reason in the commit message.
 */
public final class ConfigKeys {
    public static final ConfigKey ETCD_ENDPOINTS = new ConfigKey("etcd.endpoints", LIST,
            "http://127.0.0.1:2379", "etcd endpoints, comma-separated (http:// is added when missing)");
    public static final ConfigKey REDIS_URL = new ConfigKey("redis.url", STRING,
            "redis://127.0.0.1:6379/0", "Redis for sessions, presence and the message queue");
    public static final ConfigKey DB_URL = new ConfigKey("db.url", STRING,
            "jdbc:sqlite:data/gochat.db", "user and message database (sqlite JDBC URL or a file path)");
    public static final ConfigKey LISTEN_HOST = new ConfigKey("listen.host", STRING,
            "0.0.0.0", "address the public ports (api, site, connect) bind to");
    public static final ConfigKey API_PORT = new ConfigKey("api.port", PORT, "7070", "HTTP API port");
    public static final ConfigKey API_CORS_ORIGINS = new ConfigKey("api.cors.origins", LIST, "",
            "origins allowed to call the API from a browser, comma-separated; empty = the site's origin and localhost; * = any");
    public static final ConfigKey SITE_PORT = new ConfigKey("site.port", PORT, "8080", "demo chat site port");
    public static final ConfigKey SITE_API_URL = new ConfigKey("site.apiUrl", STRING, "",
            "API base URL the page uses; empty = http://<page host>:<api.port>");
    public static final ConfigKey SITE_WS_URL = new ConfigKey("site.wsUrl", STRING, "",
            "WebSocket URL the page uses; empty = ws://<page host>:<connect.ws.port>/ws");
    public static final ConfigKey CONNECT_WS_PORT = new ConfigKey("connect.ws.port", PORT, "7000",
            "WebSocket port of connect_ws (path /ws)");
    public static final ConfigKey CONNECT_TCP_PORT = new ConfigKey("connect.tcp.port", PORT, "7001",
            "native TCP port of connect_tcp");
    public static final ConfigKey RPC_HOST = new ConfigKey("rpc.host", STRING, "127.0.0.1",
            "address other servers use to reach this one (published in etcd)");
    public static final ConfigKey RPC_PORT = new ConfigKey("rpc.port", PORT, "0",
            "Dubbo RPC port of this server; 0 = any free port");
    public static final ConfigKey SERVER_ID = new ConfigKey("server.id", STRING, "",
            "this server's id in etcd; empty = <module>-<random>");
    public static final ConfigKey REGISTRY_TTL = new ConfigKey("registry.ttl", DURATION, "5s",
            "etcd lease TTL: a crashed server disappears from discovery after this long");
    public static final ConfigKey RPC_TIMEOUT = new ConfigKey("rpc.timeout", DURATION, "3s",
            "timeout of one RPC call");
    public static final ConfigKey SESSION_TTL = new ConfigKey("session.ttl", DURATION, "24h",
            "how long a login token stays valid");
    public static final ConfigKey QUEUE_NAME = new ConfigKey("queue.name", STRING, "gochat_queue",
            "Redis list that carries messages from logic to task");
    public static final ConfigKey CONNECT_BUCKETS = new ConfigKey("connect.buckets", INT, "0",
            "buckets per connect server; 0 = twice the cores");
    public static final ConfigKey CONNECT_AUTH_TIMEOUT = new ConfigKey("connect.auth.timeout", DURATION, "10s",
            "a connection that has not authenticated by then is closed");
    public static final ConfigKey CONNECT_IDLE_TIMEOUT = new ConfigKey("connect.idle.timeout", DURATION, "60s",
            "a connection silent for this long is closed (the server pings at 9/10 of it)");
    public static final ConfigKey CONNECT_WS_MAX_FRAME = new ConfigKey("connect.ws.maxFrame", INT, "65536",
            "largest WebSocket frame a client may send, bytes");
    public static final ConfigKey CONNECT_TCP_MAX_FRAME = new ConfigKey("connect.tcp.maxFrame", INT, "32767",
            "largest TCP frame a client may send, bytes (header included; the format caps it at 32767)");
    public static final ConfigKey CONNECT_SLOW_READER = new ConfigKey("connect.slowReader", STRING, "drop",
            "what happens to a client whose socket buffer is full: drop (skip messages, counted) or close");
    public static final ConfigKey CONNECT_TCP_IDLE_TIMEOUT = new ConfigKey("connect.tcp.idle.timeout", DURATION, "0",
            "TCP clients silent this long are closed; 0 = never (gochat's TCP clients send nothing after joining; dead peers are found by TCP keepalive)");
    public static final ConfigKey EPOLL = new ConfigKey("netty.epoll", BOOLEAN, "true",
            "use native epoll when available");
    public static final ConfigKey STORE_QUEUE = new ConfigKey("store.queue", INT, "20000",
            "messages waiting for the message store's writer; when full, new messages are refused");

    public static final List<ConfigKey> ALL = List.of(ETCD_ENDPOINTS, REDIS_URL, DB_URL, LISTEN_HOST,
            API_PORT, API_CORS_ORIGINS, SITE_PORT, SITE_API_URL, SITE_WS_URL, CONNECT_WS_PORT, CONNECT_TCP_PORT,
            RPC_HOST, RPC_PORT, SERVER_ID, REGISTRY_TTL, RPC_TIMEOUT, SESSION_TTL, QUEUE_NAME, CONNECT_BUCKETS,
            CONNECT_AUTH_TIMEOUT, CONNECT_IDLE_TIMEOUT, CONNECT_WS_MAX_FRAME, CONNECT_TCP_MAX_FRAME,
            CONNECT_SLOW_READER, EPOLL, CONNECT_TCP_IDLE_TIMEOUT, STORE_QUEUE);

    private static final Map<String, ConfigKey> BY_NAME = new LinkedHashMap<>();

    static {
        for (ConfigKey key : ALL) {
            BY_NAME.put(key.name(), key);
        }
    }

    private ConfigKeys() {
    }

    public static Optional<ConfigKey> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }
}
