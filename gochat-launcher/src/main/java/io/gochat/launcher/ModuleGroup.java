package io.gochat.launcher;

import io.gochat.cluster.ClusterRuntime;
import io.gochat.core.config.GochatConfig;
import io.gochat.core.lifecycle.ServerModule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The modules of one process on one {@link ClusterRuntime}: one etcd client, one RPC port, and direct
 * in-process calls between them. Started in waves; closed in reverse order, then the runtime.
 */
final class ModuleGroup implements ServerModule {
    private static final Logger log = LoggerFactory.getLogger(ModuleGroup.class);

    private final List<String> names;
    private final GochatConfig config;
    private final String runtimeName;
    private final BiFunction<String, ClusterRuntime, ServerModule> factory;
    private final List<ServerModule> started = new ArrayList<>();
    private final List<String> startedNames = new ArrayList<>();
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

    /**
     * Starts the modules wave by wave ({@link Modules#wave}); the modules of one wave start side by side,
     * since each waits for its own dependencies (databases, etcd), and later waves call the earlier ones.
     */
    @Override
    public synchronized void start() throws Exception {
        runtime = ClusterRuntime.create(config, runtimeName);
        runtime.warmUp(names.stream().anyMatch(Modules::serves));
        Map<Integer, List<String>> waves = new TreeMap<>();
        names.forEach(n -> waves.computeIfAbsent(Modules.wave(n), w -> new ArrayList<>()).add(n));
        for (List<String> wave : waves.values()) {
            startSideBySide(wave);
        }
    }

    private void startSideBySide(List<String> wave) throws Exception {
        List<ServerModule> modules = new ArrayList<>();
        for (String name : wave) {
            ServerModule module = factory.apply(name, runtime);
            modules.add(module);
            started.add(module);
            startedNames.add(name);
        }
        List<CompletableFuture<Void>> done = new ArrayList<>();
        for (int i = 0; i < wave.size(); i++) {
            String name = wave.get(i);
            ServerModule module = modules.get(i);
            CompletableFuture<Void> f = new CompletableFuture<>();
            done.add(f);
            Thread t = new Thread(() -> {
                long t0 = System.nanoTime();
                try {
                    module.start();
                    log.info("{} started in {} ms", name, (System.nanoTime() - t0) / 1_000_000);
                    f.complete(null);
                } catch (Throwable e) {
                    f.completeExceptionally(e);
                }
            }, "start-" + name);
            t.start();
        }
        for (CompletableFuture<Void> f : done) {
            try {
                f.join();
            } catch (java.util.concurrent.CompletionException e) {
                throw e.getCause() instanceof Exception cause ? cause : e;
            }
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
                log.warn("closing {} failed: {}", startedNames.get(i), e.toString());
            }
        }
        if (runtime != null) {
            runtime.close();
        }
    }
}
