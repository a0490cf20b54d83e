package io.gochat.logic;

import io.gochat.common.config.GochatConfig;
import io.gochat.common.lifecycle.ServerModule;
import io.gochat.common.lifecycle.StartupException;

/** Placeholder until the logic module lands. */
public final class LogicServer implements ServerModule {
    public LogicServer(GochatConfig config) {
    }

    @Override
    public void start() {
        throw new StartupException("module logic is not implemented yet");
    }

    @Override
    public void close() {
    }
}
