package io.gochat.task;

import io.gochat.common.config.GochatConfig;
import io.gochat.common.lifecycle.ServerModule;
import io.gochat.common.lifecycle.StartupException;

/** Placeholder until the task module lands. */
public final class TaskServer implements ServerModule {
    public TaskServer(GochatConfig config) {
    }

    @Override
    public void start() {
        throw new StartupException("module task is not implemented yet");
    }

    @Override
    public void close() {
    }
}
