package io.gochat.api;

import io.gochat.common.config.GochatConfig;
import io.gochat.common.lifecycle.ServerModule;
import io.gochat.common.lifecycle.StartupException;

/** Placeholder until the api module lands. */
public final class ApiServer implements ServerModule {
    public ApiServer(GochatConfig config) {
    }

    @Override
    public void start() {
        throw new StartupException("module api is not implemented yet");
    }

    @Override
    public void close() {
    }
}
