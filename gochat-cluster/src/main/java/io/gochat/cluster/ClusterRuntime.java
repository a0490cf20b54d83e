package io.gochat.cluster;

import io.gochat.cluster.admin.AdminServer;
import io.gochat.cluster.admin.HealthChecks;
import io.gochat.cluster.admin.ProcessMetrics;
import io.gochat.cluster.discovery.EtcdConnection;
import io.gochat.core.config.CoreConfigKeys;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.gochat.cluster.discovery.ServerInfo;
import io.gochat.cluster.discovery.ServiceWatcher;
import io.gochat.cluster.rpc.LocalServices;
import io.gochat.cluster.rpc.RpcClientPool;
import io.gochat.cluster.rpc.RpcRuntime;
import io.gochat.cluster.security.BindPolicy;
import io.gochat.cluster.security.ClusterCredential;
import io.gochat.core.config.GochatConfig;
import io.gochat.core.lifecycle.Closer;
import io.gochat.core.lifecycle.StartupWait;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * What the modules of one process share: one etcd client, one watcher per role, one Dubbo runtime with
 * one RPC port, the start-up deadline, and the services exported here, which the modules of this
 * process call directly instead of over RPC. A process running one module has one of these for it;
 * {@code --module=all} has one for every module.
 */
public final class ClusterRuntime implements AutoCloseable {
    private final GochatConfig config;
    private final StartupWait startup;
    private final RpcRuntime rpc;
    private final LocalServices local = new LocalServices();
    private final Map<String, ServiceWatcher> watchers = new ConcurrentHashMap<>();
    private final Closer closer = new Closer();
    private final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final HealthChecks health = new HealthChecks();
    private final AdminServer admin;
    private volatile EtcdConnection etcd;

    private ClusterRuntime(GochatConfig config, String name) {
        this.config = config;
        closer.add(metrics::close);
        closer.add(new ProcessMetrics(metrics));
        int adminPort = config.integer(ClusterConfigKeys.ADMIN_PORT);
        // first, so that /health/live answers while the modules wait for their dependencies
        this.admin = adminPort > 0 ? closer.add(AdminServer.start(config.string(CoreConfigKeys.LISTEN_HOST), adminPort,
                metrics, health)) : null;
        // the start-up deadline counts from here: loading the meters' classes must not eat the wait for etcd
        this.startup = StartupWait.from(config);
        this.rpc = closer.add(new RpcRuntime(name, config.duration(ClusterConfigKeys.RPC_TIMEOUT),
                config.integer(ClusterConfigKeys.RPC_PORT),
                BindPolicy.bindHost(config.string(ClusterConfigKeys.RPC_BIND), config.string(ClusterConfigKeys.RPC_HOST)),
                ClusterCredential.of(config.string(ClusterConfigKeys.CLUSTER_SECRET))));
    }

    /** The process's meters: every module records here; {@code GET /metrics} on the admin port serves them. */
    public MeterRegistry metrics() {
        return metrics;
    }

    /** The process's readiness checks, served at {@code GET /health/ready} on the admin port. */
    public HealthChecks health() {
        return health;
    }

    /** The admin port, or -1 when {@code admin.port} is 0 (off). */
    public int adminPort() {
        return admin == null ? -1 : admin.port();
    }

    /** @param name names the Dubbo application in logs, e.g. "logic" or "all" */
    public static ClusterRuntime create(GochatConfig config, String name) {
        return new ClusterRuntime(config, name);
    }

    public GochatConfig config() {
        return config;
    }

    /** The start-up deadline every dependency of this process is awaited against. */
    public StartupWait startup() {
        return startup;
    }

    /** The etcd connection, made on first use (waiting for etcd until the start-up deadline). */
    public EtcdConnection etcd() {
        EtcdConnection e = etcd;
        if (e != null) {
            return e;
        }
        synchronized (this) {
            if (etcd == null) {
                etcd = closer.add(EtcdConnection.connect(config.list(ClusterConfigKeys.ETCD_ENDPOINTS),
                        config.string(ClusterConfigKeys.ETCD_USER), config.string(ClusterConfigKeys.ETCD_PASSWORD),
                        config.duration(ClusterConfigKeys.RPC_TIMEOUT), startup));
            }
            return etcd;
        }
    }

    public RpcRuntime rpc() {
        return rpc;
    }

    /**
     * Connects to etcd and (for a process that will serve RPC) starts Dubbo in the background, so the
     * modules' own start-up work (databases, ports) overlaps them. Failures surface where the modules use them.
     */
    public void warmUp(boolean serves) {
        Thread t = new Thread(() -> {
            try {
                etcd();
                if (serves) {
                    rpc.prepareServing();
                }
            } catch (RuntimeException e) {
                // the module that needs etcd or the RPC port reports it with one clear line
            }
        }, "cluster-warm-up");
        t.setDaemon(true);
        t.start();
    }

    /** Serves {@code implementation} over RPC and to the modules of this process. */
    public <T> void export(Class<T> iface, String serverId, T implementation) {
        local.add(iface, serverId, implementation);
        rpc.export(iface, serverId, implementation);
    }

    /** The live servers of {@code role}; one watcher per role per process. */
    public ServiceWatcher watch(String role) {
        ServiceWatcher w = watchers.get(role);
        if (w != null) {
            return w;
        }
        synchronized (this) {
            return watchers.computeIfAbsent(role, r -> closer.add(ServiceWatcher.start(etcd(), r, startup)));
        }
    }

    /**
     * References to every live server of {@code role} that passes {@code filter}: direct calls for the
     * servers of this process, Dubbo for the others. The caller closes the pool.
     */
    public <T> RpcClientPool<T> pool(String role, Class<T> iface, Predicate<ServerInfo> filter) {
        return new RpcClientPool<>(rpc, local, watch(role), iface, filter);
    }

    @Override
    public void close() {
        closer.close();
    }
}
