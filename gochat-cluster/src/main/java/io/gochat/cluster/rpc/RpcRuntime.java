package io.gochat.cluster.rpc;

import io.gochat.cluster.security.BindPolicy;
import io.gochat.cluster.security.ClusterCredential;
import io.gochat.core.lifecycle.StartupException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.apache.dubbo.config.ApplicationConfig;
import org.apache.dubbo.config.ProtocolConfig;
import org.apache.dubbo.config.ReferenceConfig;
import org.apache.dubbo.config.RegistryConfig;
import org.apache.dubbo.config.ServiceConfig;
import org.apache.dubbo.config.bootstrap.DubboBootstrap;
import org.apache.dubbo.rpc.model.FrameworkModel;
import org.apache.dubbo.rpc.model.ModuleModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Dubbo runtime per process (or per module when a test runs several "processes" in one JVM): its
 * own framework model, no Dubbo registry (discovery is ours, in etcd), QoS off, hessian2. Every
 * service is exported under a group named after the server that owns it, so several modules of one
 * process (two connect servers, say) share the one RPC port. Services may be exported at any time;
 * the port is bound by the first. The port listens on one address only ({@code rpc.bind}, see
 * {@link BoundTransporter}), and every call in or out carries the cluster credential (the filters in
 * {@code io.gochat.cluster.security}, found through this jar's {@code META-INF/dubbo} SPI files).
 *
 * <p>Calls and answers are dispatched on Dubbo's I/O threads ({@code dispatcher=direct}), not handed to
 * a 200-thread pool and back: every service answers a future and hands blocking work to its own bounded
 * pool, so a service method must never block. Filters this system does not use (metrics, monitoring,
 * tracing, Spring Security context) are left out of every call.
 */
public final class RpcRuntime implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RpcRuntime.class);
    /** Hand-offs to Dubbo's thread pools cost more than the calls (a fifth of logic's CPU in the profiles). */
    static final String DISPATCHER = "direct";
    static final String UNUSED_PROVIDER_FILTERS = "-metrics-provider,-monitor,-observationreceiver,"
            + "-authenticationResolver,-authenticationExceptionTranslator,-trace";
    static final String UNUSED_CONSUMER_FILTERS = "-metricsConsumerFilter,-metricsClusterFilter,-monitor,"
            + "-observationsender,-authenticationPrepare,-contextHolderParametersSelectedTransfer,-router-snapshot";

    static {
        // Dubbo probes for a logger on stdout unless told; do it before any Dubbo class logs.
        System.setProperty("dubbo.application.logger", "slf4j");
    }

    private final String name;
    private final Duration callTimeout;
    private final int requestedPort;
    private final String bindHost;
    private final FrameworkModel framework = new FrameworkModel();
    private final DubboBootstrap bootstrap;
    private int port = -1;
    private boolean started;
    private volatile boolean closed;

    /** Loopback only, no cluster credential (tests and tools on one machine). */
    public RpcRuntime(String name, Duration callTimeout, int requestedPort) {
        this(name, callTimeout, requestedPort, "127.0.0.1", ClusterCredential.of(""));
    }

    /**
     * @param requestedPort the RPC port to bind when a service is exported; 0 = any free port
     * @param bindHost      the one address the RPC port listens on
     * @param credential    proves this process's calls and checks incoming ones; disabled only on loopback
     */
    public RpcRuntime(String name, Duration callTimeout, int requestedPort, String bindHost,
                      ClusterCredential credential) {
        BindPolicy.check(bindHost, credential);
        this.name = name;
        this.callTimeout = callTimeout;
        this.requestedPort = requestedPort;
        this.bindHost = bindHost;
        this.bootstrap = DubboBootstrap.newInstance(framework);
        ApplicationConfig app = new ApplicationConfig("gochat-" + name);
        app.setQosEnable(false);
        app.setLogger("slf4j");
        bootstrap.application(app).registry(new RegistryConfig(RegistryConfig.NO_AVAILABLE));
        // the cluster filters read it from here; registered before any service or reference exists
        bootstrap.getApplicationModel().getBeanFactory().registerBean(credential);
        // A refusal (logic busy: "too many requests, retry in 1 s") crosses as the JDK's RejectedExecutionException,
        // which is not in any interface; Dubbo's strict serialization check refused to encode it, so the caller got
        // nothing and waited for its call timeout (found by FaultSamplerIT when 12 users logged in again at once).
        framework.getBeanFactory().getOrRegisterBean(org.apache.dubbo.common.utils.SerializeSecurityManager.class)
                .addToAllowed(java.util.concurrent.RejectedExecutionException.class.getName());
    }

    public Duration callTimeout() {
        return callTimeout;
    }

    /**
     * Serves {@code implementation} as {@code iface} in {@code group} (the owning server's id), binding
     * the RPC port first if nothing was exported yet. Throws {@link StartupException} if the port is taken.
     */
    public synchronized <T> void export(Class<T> iface, String group, T implementation) {
        if (closed) {
            throw new IllegalStateException("RPC runtime " + name + " is closed");
        }
        ServiceConfig<T> service = new ServiceConfig<>();
        service.setInterface(iface);
        service.setRef(implementation);
        service.setGroup(group);
        service.setTimeout((int) callTimeout.toMillis());
        service.setFilter(UNUSED_PROVIDER_FILTERS);
        prepareServing();
        try {
            service.setScopeModel(bootstrap.getApplicationModel().getDefaultModule());
            bootstrap.service(service);
            service.export();
        } catch (RuntimeException e) {
            throw new StartupException("Dubbo could not export " + iface.getSimpleName() + " on port " + port + ": "
                    + e.getMessage(), e);
        }
        log.info("{} RPC serves {} for {} on {}:{}", name, iface.getSimpleName(), group, bindHost, port);
    }

    /**
     * Chooses the RPC port and starts Dubbo ready to serve, so a later {@link #export} only adds its
     * service. A process that will export calls this early, beside its other start-up work.
     */
    public synchronized void prepareServing() {
        if (port < 0) {
            port = requestedPort == 0 ? freePort() : requestedPort;
            ensureFree(port);
            ProtocolConfig protocol = new ProtocolConfig("dubbo", port);
            protocol.setSerialization("hessian2");
            protocol.setServer(BoundTransporter.NAME);
            protocol.setParameters(Map.of(BoundTransporter.BIND_PARAMETER, bindHost));
            protocol.setDispatcher(DISPATCHER);
            bootstrap.protocol(protocol);
        }
        ensureStarted();
    }

    private void ensureStarted() {
        if (started) {
            return;
        }
        started = true;
        try {
            bootstrap.start();
        } catch (RuntimeException e) {
            throw new StartupException("Dubbo could not start: " + e.getMessage(), e);
        }
    }

    /** The bound RPC port, or -1 while nothing is exported. */
    public synchronized int port() {
        return port;
    }

    /** A direct reference to {@code iface} of server {@code group} at host:port; close it when that server leaves. */
    public <T> RpcReference<T> refer(Class<T> iface, String group, String host, int port) {
        ModuleModel module;
        synchronized (this) {
            ensureStarted();
            module = bootstrap.getApplicationModel().getDefaultModule();
        }
        ReferenceConfig<T> reference = new ReferenceConfig<>(module);
        reference.setInterface(iface);
        reference.setGroup(group);
        reference.setUrl("dubbo://" + host + ":" + port);
        reference.setCheck(false);
        reference.setRetries(0);
        reference.setClient(BoundTransporter.NAME);
        reference.setTimeout((int) callTimeout.toMillis());
        reference.setFilter(UNUSED_CONSUMER_FILTERS);
        reference.setParameters(new java.util.HashMap<>(java.util.Map.of("dispatcher", DISPATCHER)));
        return RpcReference.remote(reference, reference.get());
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new StartupException("no free port for RPC: " + e.getMessage());
        }
    }

    private static void ensureFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
        } catch (IOException e) {
            throw new StartupException("rpc.port " + port + " is not free: " + e.getMessage());
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            bootstrap.stop();
        } catch (RuntimeException e) {
            log.warn("stopping Dubbo of {}: {}", name, e.toString());
        }
        try {
            framework.destroy();
        } catch (RuntimeException e) {
            log.warn("destroying Dubbo of {}: {}", name, e.toString());
        }
    }
}
