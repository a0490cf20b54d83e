package io.gochat.site;

import io.gochat.common.config.GochatConfig;
import io.gochat.common.lifecycle.ServerModule;
import io.gochat.common.lifecycle.StartupException;

/** Placeholder until the site module lands. */
public final class SiteServer implements ServerModule {
    public SiteServer(GochatConfig config) {
    }

    @Override
    public void start() {
        throw new StartupException("module site is not implemented yet");
    }

    @Override
    public void close() {
    }
}
