package io.gochat.cluster.discovery;

import java.io.Serializable;
import java.util.Map;

/**
 * What a server publishes about itself in etcd under {@code /gochat/<role>/<serverId>}: the address
 * and ports others use to reach it. Our own address, never the one Dubbo guesses.
 *
 * @param type  a sub-kind of the role, e.g. "ws" or "tcp" for connect servers; may be empty
 * @param ports public ports by name, e.g. {"ws": 7000}
 */
public record ServerInfo(String serverId, String role, String host, int rpcPort, String type,
                         Map<String, Integer> ports) implements Serializable {

    public ServerInfo {
        type = type == null ? "" : type;
        ports = ports == null ? Map.of() : Map.copyOf(ports);
    }

    public String rpcAddress() {
        return host + ":" + rpcPort;
    }
}
