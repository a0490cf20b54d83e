package io.gochat.core.config;

import static io.gochat.core.config.ConfigKey.Type.DURATION;
import static io.gochat.core.config.ConfigKey.Type.PORT;
import static io.gochat.core.config.ConfigKey.Type.STRING;

import java.util.List;

/**
 * Config keys every module shares: the public ports (a module links to the others' ports, e.g. the site
 * page to the API) and how long start-up waits for dependencies. Names are a contract: scripts use them.
 */
public final class CoreConfigKeys implements ConfigKeySet {
    public static final ConfigKey LISTEN_HOST = new ConfigKey("listen.host", STRING,
            "0.0.0.0", "address the public ports (api, site, connect) bind to");
    public static final ConfigKey API_PORT = new ConfigKey("api.port", PORT, "7070", "HTTP API port");
    public static final ConfigKey SITE_PORT = new ConfigKey("site.port", PORT, "8080", "demo chat site port");
    public static final ConfigKey CONNECT_WS_PORT = new ConfigKey("connect.ws.port", PORT, "7000",
            "WebSocket port of connect_ws (path /ws)");
    public static final ConfigKey CONNECT_TCP_PORT = new ConfigKey("connect.tcp.port", PORT, "7001",
            "native TCP port of connect_tcp");
    public static final ConfigKey TLS_CERT = new ConfigKey("tls.cert", STRING, "",
            "PEM certificate chain for https (api, site), wss and TLS on the TCP port; empty = plain text");
    public static final ConfigKey TLS_KEY = new ConfigKey("tls.key", STRING, "",
            "PEM private key (PKCS#8) of tls.cert");
    public static final ConfigKey STARTUP_TIMEOUT = new ConfigKey("startup.timeout", DURATION, "60s",
            "how long start-up waits for etcd, Redis and the database before it gives up (exit 1)");

    @Override
    public int order() {
        return 10;
    }

    @Override
    public List<ConfigKey> keys() {
        return List.of(LISTEN_HOST, API_PORT, SITE_PORT, CONNECT_WS_PORT, CONNECT_TCP_PORT, TLS_CERT, TLS_KEY, STARTUP_TIMEOUT);
    }
}
