package io.gochat.connect;

import io.gochat.common.config.GochatConfig;
import io.gochat.common.lifecycle.ServerModule;
import io.gochat.common.lifecycle.StartupException;

/** Placeholder until the connect module lands. */
public final class ConnectServer implements ServerModule {
    /** Which client protocol a connect server speaks. */
    public enum Transport { WS, TCP }

    public ConnectServer(GochatConfig config, Transport transport) {
    }

    @Override
    public void start() {
        throw new StartupException("module connect is not implemented yet");
    }

    @Override
    public void close() {
    }
}
