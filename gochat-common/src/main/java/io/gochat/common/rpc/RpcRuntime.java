package io.gochat.common.rpc;

import io.gochat.common.lifecycle.StartupException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 * One Dubbo runtime per module: its own framework model (so several modules can share a JVM in tests),
 * no Dubbo registry (discovery is ours, in etcd), QoS off, hessian2. Export services, then
 * {@link #start}; references to other servers are made any time after.
 */
public final class RpcRuntime implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RpcRuntime.class);

    static {
        // Dubbo probes for a logger on stdout unless told; do it before any Dubbo class logs.
        System.setProperty("dubbo.application.logger", "slf4j");
    }

    private final String name;
    private final Duration callTimeout;
    private final FrameworkModel framework = new FrameworkModel();
    private final DubboBootstrap bootstrap;
    private final List<ServiceConfig<?>> services = new ArrayList<>();
    private int port = -1;
    private boolean started;
    private volatile boolean closed;

    public RpcRuntime(String name, Duration callTimeout) {
        this.name = name;
        this.callTimeout = callTimeout;
        this.bootstrap = DubboBootstrap.newInstance(framework);
        ApplicationConfig app = new ApplicationConfig("gochat-" + name);
        app.setQosEnable(false);
        app.setLogger("slf4j");
        bootstrap.application(app).registry(new RegistryConfig(RegistryConfig.NO_AVAILABLE));
    }

    /** Declares a service to export; call before {@link #start}. */
    public synchronized <T> void export(Class<T> iface, T implementation) {
        if (port != -1 || started) {
            // a service exported after start would never be bound, and the server would publish no port
            throw new IllegalStateException("export " + iface.getSimpleName() + " before the RPC runtime starts");
        }
        ServiceConfig<T> service = new ServiceConfig<>();
        service.setInterface(iface);
        service.setRef(implementation);
        service.setTimeout((int) callTimeout.toMillis());
        services.add(service);
    }

    /**
     * Starts Dubbo. With services to export they are bound to {@code requestedPort} (0 = a free one);
     * a consumer-only runtime binds nothing. Throws {@link StartupException} if the port is taken.
     */
    public synchronized RpcRuntime start(int requestedPort) {
        if (!services.isEmpty()) {
            port = requestedPort == 0 ? freePort() : requestedPort;
            ensureFree(port);
            ProtocolConfig protocol = new ProtocolConfig("dubbo", port);
            protocol.setSerialization("hessian2");
            bootstrap.protocol(protocol);
            services.forEach(bootstrap::service);
        }
        started = true;
        try {
            bootstrap.start();
        } catch (RuntimeException e) {
            throw new StartupException("Dubbo could not start on port " + port + ": " + e.getMessage(), e);
        }
        if (port > 0) {
            log.info("{} RPC listening on port {}", name, port);
        }
        return this;
    }

    /** The bound RPC port, or -1 for a consumer-only runtime. */
    public int port() {
        return port;
    }

    /** A direct reference to {@code iface} at host:port; close it when that server leaves. */
    public <T> RpcReference<T> refer(Class<T> iface, String host, int port) {
        ModuleModel module = bootstrap.getApplicationModel().getDefaultModule();
        ReferenceConfig<T> reference = new ReferenceConfig<>(module);
        reference.setInterface(iface);
        reference.setUrl("dubbo://" + host + ":" + port);
        reference.setCheck(false);
        reference.setRetries(0);
        reference.setTimeout((int) callTimeout.toMillis());
        return new RpcReference<>(reference, reference.get());
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
