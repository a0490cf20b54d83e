package io.gochat.cluster;

import static io.gochat.core.config.ConfigKey.Type.DURATION;
import static io.gochat.core.config.ConfigKey.Type.LIST;
import static io.gochat.core.config.ConfigKey.Type.PORT;
import static io.gochat.core.config.ConfigKey.Type.STRING;

import io.gochat.core.config.ConfigKey;
import io.gochat.core.config.ConfigKeySet;
import java.util.List;

/** Config keys of etcd discovery and RPC between modules. Names are a contract: scripts start modules with them. */
public final class ClusterConfigKeys implements ConfigKeySet {
    public static final ConfigKey ETCD_ENDPOINTS = new ConfigKey("etcd.endpoints", LIST,
            "http://127.0.0.1:2379", "etcd endpoints, comma-separated (http:// is added when missing)");
    public static final ConfigKey RPC_HOST = new ConfigKey("rpc.host", STRING, "127.0.0.1",
            "address other servers use to reach this one (published in etcd)");
    public static final ConfigKey RPC_BIND = new ConfigKey("rpc.bind", STRING, "",
            "the one address the RPC port listens on; empty = rpc.host");
    public static final ConfigKey CLUSTER_SECRET = new ConfigKey("cluster.secret", STRING, "",
            "shared secret (16+ characters, the same on every server) that every RPC proves with an HMAC; may be empty only when RPC listens on loopback");
    public static final ConfigKey ETCD_USER = new ConfigKey("etcd.user", STRING, "",
            "etcd user when etcd has authentication enabled; empty = none");
    public static final ConfigKey ETCD_PASSWORD = new ConfigKey("etcd.password", STRING, "",
            "password of etcd.user (never logged)");
    public static final ConfigKey RPC_PORT = new ConfigKey("rpc.port", PORT, "0",
            "Dubbo RPC port of this server; 0 = any free port");
    public static final ConfigKey SERVER_ID = new ConfigKey("server.id", STRING, "",
            "this server's id in etcd; empty = <module>-<random>");
    public static final ConfigKey REGISTRY_TTL = new ConfigKey("registry.ttl", DURATION, "5s",
            "etcd lease TTL: a crashed server disappears from discovery after this long");
    public static final ConfigKey RPC_TIMEOUT = new ConfigKey("rpc.timeout", DURATION, "3s",
            "timeout of one RPC call");

    public static final ConfigKey ADMIN_PORT = new ConfigKey("admin.port", PORT, "0",
            "admin HTTP port of this process: GET /metrics (Prometheus), /health/live, /health/ready; 0 = off");

    @Override
    public int order() {
        return 20;
    }

    @Override
    public List<ConfigKey> keys() {
        return List.of(ETCD_ENDPOINTS, ETCD_USER, ETCD_PASSWORD, RPC_HOST, RPC_BIND, CLUSTER_SECRET, RPC_PORT, SERVER_ID,
                REGISTRY_TTL, RPC_TIMEOUT, ADMIN_PORT);
    }
}
