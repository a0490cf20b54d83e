package io.gochat.common.discovery;

import io.gochat.common.config.ConfigKeys;
import io.gochat.common.config.GochatConfig;
import io.gochat.common.lifecycle.Closer;
import io.gochat.common.rpc.RpcClientPool;
import io.gochat.common.rpc.RpcRuntime;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * A module's place in the cluster: its etcd connection, its Dubbo runtime, its registration and the
 * watchers and client pools it uses to reach other roles. Close it to leave the cluster cleanly:
 * the registration is revoked first so nobody calls a server that is shutting down.
 */
public final class ClusterNode implements AutoCloseable {
    private final GochatConfig config;
    private final String role;
    private final String serverId;
    private final EtcdConnection etcd;
    private final RpcRuntime rpc;
    private final Closer closer = new Closer();
    private final Map<String, ServiceWatcher> watchers = new ConcurrentHashMap<>();
    private volatile ServiceRegistration registration;
    private volatile boolean rpcStarted;

    private ClusterNode(GochatConfig config, String role, String serverId, EtcdConnection etcd) {
        this.config = config;
        this.role = role;
        this.serverId = serverId;
        this.etcd = etcd;
        this.rpc = new RpcRuntime(serverId, config.duration(ConfigKeys.RPC_TIMEOUT));
        closer.add(etcd);
        closer.add(rpc);
    }

    /** Connects to etcd (failing within rpc.timeout if it is unreachable). */
    public static ClusterNode join(GochatConfig config, String role, String type) {
        String configured = config.string(ConfigKeys.SERVER_ID);
        String prefix = type == null || type.isEmpty() ? role : role + "-" + type;
        String serverId = configured.isEmpty() ? prefix + "-" + UUID.randomUUID().toString().substring(0, 8) : configured;
        Duration timeout = config.duration(ConfigKeys.RPC_TIMEOUT);
        EtcdConnection etcd = EtcdConnection.connect(config.list(ConfigKeys.ETCD_ENDPOINTS), timeout);
        return new ClusterNode(config, role, serverId, etcd);
    }

    public String serverId() {
        return serverId;
    }

    public String role() {
        return role;
    }

    public EtcdConnection etcd() {
        return etcd;
    }

    public RpcRuntime rpc() {
        return rpc;
    }

    /** Declares a service this node serves; call before {@link #startRpc()}. */
    public <T> void export(Class<T> iface, T implementation) {
        rpc.export(iface, implementation);
    }

    /** Starts Dubbo (binding rpc.port if anything was exported). */
    public synchronized void startRpc() {
        if (!rpcStarted) {
            rpc.start(config.integer(ConfigKeys.RPC_PORT));
            rpcStarted = true;
        }
    }

    /** Publishes this node under /gochat/&lt;role&gt;/&lt;serverId&gt; with rpc.host and the RPC port. */
    public synchronized ServerInfo register(String type, Map<String, Integer> ports) {
        startRpc();
        ServerInfo info = new ServerInfo(serverId, role, config.string(ConfigKeys.RPC_HOST), Math.max(rpc.port(), 0),
                type, ports);
        registration = ServiceRegistration.register(etcd, info, config.duration(ConfigKeys.REGISTRY_TTL));
        return info;
    }

    /** The live servers of {@code role}; one watcher per role per node. */
    public ServiceWatcher watch(String otherRole) {
        return watchers.computeIfAbsent(otherRole, r -> closer.add(ServiceWatcher.start(etcd, r)));
    }

    /** References to every live server of {@code otherRole} that passes {@code filter}. */
    public <T> RpcClientPool<T> pool(String otherRole, Class<T> iface, Predicate<ServerInfo> filter) {
        startRpc();
        return closer.add(new RpcClientPool<>(rpc, watch(otherRole), iface, filter));
    }

    public <T> RpcClientPool<T> pool(String otherRole, Class<T> iface) {
        return pool(otherRole, iface, s -> true);
    }

    /** Removes this node from etcd at once (first step of a clean shutdown). */
    public void deregister() {
        ServiceRegistration r = registration;
        if (r != null) {
            r.close();
        }
    }

    /** Simulates a crash for tests: stops renewing the lease without revoking it. */
    public void abandonRegistration() {
        ServiceRegistration r = registration;
        if (r != null) {
            r.abandon();
        }
    }

    @Override
    public void close() {
        deregister();
        closer.close();
    }
}
