package io.gochat.common.rpc;

import org.apache.dubbo.config.ReferenceConfig;

/** A proxy to one remote server and the Dubbo reference behind it. */
public final class RpcReference<T> implements AutoCloseable {
    private final ReferenceConfig<T> config;
    private final T proxy;

    RpcReference(ReferenceConfig<T> config, T proxy) {
        this.config = config;
        this.proxy = proxy;
    }

    public T proxy() {
        return proxy;
    }

    @Override
    public void close() {
        try {
            config.destroy();
        } catch (IllegalStateException alreadyDown) {
            // Dubbo's own shutdown hook may tear the framework down first on SIGTERM: nothing left to release
        }
    }
}
