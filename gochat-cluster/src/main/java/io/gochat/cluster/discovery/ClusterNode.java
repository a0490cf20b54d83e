package io.gochat.cluster.discovery;

import io.gochat.cluster.ClusterConfigKeys;
import io.gochat.cluster.ClusterRuntime;
import io.gochat.cluster.rpc.RpcClientPool;
import io.gochat.core.config.GochatConfig;
import io.gochat.core.lifecycle.Closer;
import io.gochat.core.lifecycle.StartupWait;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * One module's place in the cluster: its server id, its registration, and the pools it uses to reach
 * other roles, on the process's {@link ClusterRuntime}. Close it to leave the cluster cleanly: the
 * registration is revoked first so nobody calls a server that is shutting down.
 */
public final class ClusterNode implements AutoCloseable {
    private final GochatConfig config;
    private final ClusterRuntime runtime;
    private final String role;
    private final String serverId;
    private final Closer closer = new Closer();
    private volatile ServiceRegistration registration;
    private volatile Runnable reregistered = () -> { };

    private ClusterNode(GochatConfig config, ClusterRuntime runtime, String role, String serverId, boolean ownsRuntime) {
        this.config = config;
        this.runtime = runtime;
        this.role = role;
        this.serverId = serverId;
        if (ownsRuntime) {
            closer.add(runtime);
        }
    }

    /** Joins on a runtime of its own (a process, or a test, running this module alone). */
    public static ClusterNode join(GochatConfig config, String role, String type) {
        String serverId = serverId(config, role, type);
        return new ClusterNode(config, ClusterRuntime.create(config, serverId), role, serverId, true);
    }

    /** Joins on the process's shared runtime (several modules in one JVM). */
    public static ClusterNode join(ClusterRuntime runtime, GochatConfig config, String role, String type) {
        return new ClusterNode(config, runtime, role, serverId(config, role, type), false);
    }

    private static String serverId(GochatConfig config, String role, String type) {
        String configured = config.string(ClusterConfigKeys.SERVER_ID);
        String prefix = type == null || type.isEmpty() ? role : role + "-" + type;
        return configured.isEmpty() ? prefix + "-" + UUID.randomUUID().toString().substring(0, 8) : configured;
    }

    public String serverId() {
        return serverId;
    }

    public String role() {
        return role;
    }

    public ClusterRuntime runtime() {
        return runtime;
    }

    public StartupWait startup() {
        return runtime.startup();
    }

    public EtcdConnection etcd() {
        return runtime.etcd();
    }

    /** Serves {@code implementation} as this server, over RPC and in-process. */
    public <T> void export(Class<T> iface, T implementation) {
        runtime.export(iface, serverId, implementation);
    }

    /** Publishes this node under /gochat/&lt;role&gt;/&lt;serverId&gt; with rpc.host and the RPC port. */
    public synchronized ServerInfo register(String type, Map<String, Integer> ports) {
        ServerInfo info = new ServerInfo(serverId, role, config.string(ClusterConfigKeys.RPC_HOST),
                Math.max(runtime.rpc().port(), 0), type, ports);
        ServiceRegistration r = ServiceRegistration.register(runtime.etcd(), info,
                config.duration(ClusterConfigKeys.REGISTRY_TTL), runtime.startup());
        registration = r;
        r.onRepublished(() -> reregistered.run());
        runtime.health().add(serverId + " registered in etcd", r::alive);
        return info;
    }

    /**
     * Runs {@code action} whenever this node is registered again after its etcd lease was lost (etcd
     * restarted, a long pause): the others saw it leave meanwhile.
     */
    public void onReregistered(Runnable action) {
        reregistered = action;
    }

    /** The live servers of {@code otherRole}. */
    public ServiceWatcher watch(String otherRole) {
        return runtime.watch(otherRole);
    }

    /** References to every live server of {@code otherRole} that passes {@code filter}; closed with this node. */
    public <T> RpcClientPool<T> pool(String otherRole, Class<T> iface, Predicate<ServerInfo> filter) {
        return closer.add(runtime.pool(otherRole, iface, filter));
    }

    public <T> RpcClientPool<T> pool(String otherRole, Class<T> iface) {
        return pool(otherRole, iface, s -> true);
    }

    /** The process's meters (shared by the modules of one process). */
    public io.micrometer.core.instrument.MeterRegistry metrics() {
        return runtime.metrics();
    }

    /** Adds a readiness check of this module's dependencies to the process's /health/ready. */
    public void healthCheck(String name, java.util.function.BooleanSupplier check) {
        runtime.health().add(serverId + " " + name, check);
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
