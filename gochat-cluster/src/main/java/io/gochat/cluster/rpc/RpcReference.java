package io.gochat.cluster.rpc;

import org.apache.dubbo.config.ReferenceConfig;

/** A proxy to one server: a Dubbo reference to another process, or the service itself in this process. */
public final class RpcReference<T> implements AutoCloseable {
    private final ReferenceConfig<T> config;
    private final T proxy;

    private RpcReference(ReferenceConfig<T> config, T proxy) {
        this.config = config;
        this.proxy = proxy;
    }

    static <T> RpcReference<T> remote(ReferenceConfig<T> config, T proxy) {
        return new RpcReference<>(config, proxy);
    }

    static <T> RpcReference<T> inProcess(T proxy) {
        return new RpcReference<>(null, proxy);
    }

    public T proxy() {
        return proxy;
    }

    /** True when calls stay in this JVM (no network, no serialization). */
    public boolean inProcess() {
        return config == null;
    }

    @Override
    public void close() {
        if (config == null) {
            return;
        }
        try {
            config.destroy();
        } catch (IllegalStateException alreadyDown) {
            // Dubbo's own shutdown hook may tear the framework down first on SIGTERM: nothing left to release
        }
    }
}
