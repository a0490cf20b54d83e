package io.gochat.cluster.rpc;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The services exported by the modules of this process, by interface and owning server id. A caller
 * that finds its target here calls it directly: modules in one JVM never talk over loopback RPC.
 */
public final class LocalServices {
    private record Key(Class<?> iface, String serverId) {
    }

    private final Map<Key, Object> services = new ConcurrentHashMap<>();

    public <T> void add(Class<T> iface, String serverId, T implementation) {
        services.put(new Key(iface, serverId), implementation);
    }

    public void remove(Class<?> iface, String serverId) {
        services.remove(new Key(iface, serverId));
    }

    public <T> Optional<T> find(Class<T> iface, String serverId) {
        return Optional.ofNullable(iface.cast(services.get(new Key(iface, serverId))));
    }
}
