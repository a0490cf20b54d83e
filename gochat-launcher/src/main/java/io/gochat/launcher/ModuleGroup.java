package io.gochat.launcher;

import io.gochat.cluster.ClusterRuntime;
import io.gochat.core.config.GochatConfig;
import io.gochat.core.lifecycle.ServerModule;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The modules of one process on one {@link ClusterRuntime}: one etcd client, one RPC port, and direct
 * in-process calls between them. Started in order; closed in reverse order, then the runtime.
 */
final class ModuleGroup implements ServerModule {
    private static final Logger log = LoggerFactory.getLogger(ModuleGroup.class);

    private final List<String> names;
    private final GochatConfig config;
    private final String runtimeName;
    private final BiFunction<String, ClusterRuntime, ServerModule> factory;
    private final List<ServerModule> started = new ArrayList<>();
    private ClusterRuntime runtime;
    private boolean closed;

    ModuleGroup(List<String> names, GochatConfig config, String runtimeName,
                BiFunction<String, ClusterRuntime, ServerModule> factory) {
        this.names = List.copyOf(names);
        this.config = config;
        this.runtimeName = runtimeName;
        this.factory = factory;
    }

    List<String> names() {
        return names;
    }

    @Override
    public synchronized void start() throws Exception {
        runtime = ClusterRuntime.create(config, runtimeName);
        for (String name : names) {
            long t0 = System.nanoTime();
            ServerModule module = factory.apply(name, runtime);
            started.add(module);
            module.start();
            log.info("{} started in {} ms", name, (System.nanoTime() - t0) / 1_000_000);
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (RuntimeException e) {
                log.warn("closing {} failed: {}", names.get(i), e.toString());
            }
        }
        if (runtime != null) {
            runtime.close();
        }
    }
}
