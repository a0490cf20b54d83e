package io.gochat.e2e;

import io.gochat.connect.transport.Transport;
import io.gochat.api.ApiServer;
import io.gochat.cluster.ClusterRuntime;
import io.gochat.core.config.GochatConfig;
import io.gochat.core.lifecycle.ServerModule;
import io.gochat.connect.ConnectServer;
import io.gochat.logic.LogicServer;
import io.gochat.logic.TestLogic;
import io.gochat.task.TaskServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A whole gochat-java system in one JVM, on random ports, against the given etcd and Redis, in either
 * layout: {@link Layout#ONE_PROCESS} is {@code --module=all} (one cluster runtime, calls between modules
 * in-process); {@link Layout#PROCESS_PER_MODULE} gives each module its own runtime, so they talk over
 * Dubbo on loopback as separate processes would.
 */
final class LocalCluster implements AutoCloseable {
    enum Layout { ONE_PROCESS, PROCESS_PER_MODULE }

    final GochatConfig config;
    private final ClusterRuntime shared;
    private final List<ServerModule> modules = new ArrayList<>();

    LocalCluster(String etcd, String redis, Path dir, Layout layout) {
        this(etcd, redis, dir, layout, 0);
    }

    /** @param adminPort the process's admin port (metrics, health); 0 = off */
    LocalCluster(String etcd, String redis, Path dir, Layout layout, int adminPort) {
        this(etcd, redis, dir, layout, adminPort, c -> c);
    }

    /** @param custom changes the test defaults (e.g. a cluster secret, limits) */
    LocalCluster(String etcd, String redis, Path dir, Layout layout, java.util.function.UnaryOperator<GochatConfig> custom) {
        this(etcd, redis, dir, layout, 0, custom);
    }

    LocalCluster(String etcd, String redis, Path dir, Layout layout, int adminPort,
                 java.util.function.UnaryOperator<GochatConfig> custom) {
        config = custom.apply(TestLogic.config(etcd, redis, dir)
                .with("admin.port", adminPort)
                .with("rpc.timeout", "5s")
                .with("listen.host", "127.0.0.1")
                .with("api.port", 0)
                .with("connect.ws.port", 0)
                .with("connect.tcp.port", 0));
        shared = layout == Layout.ONE_PROCESS ? ClusterRuntime.create(config, "all") : null;
    }

    <T extends ServerModule> T start(T module) {
        try {
            module.start();
        } catch (Exception e) {
            module.close();
            throw new AssertionError("cannot start " + module.getClass().getSimpleName() + ": " + e, e);
        }
        modules.add(module);
        return module;
    }

    /** The shared runtime (one-process layout), or null. */
    ClusterRuntime runtime() {
        return shared;
    }

    LogicServer logic() {
        LogicServer logic = TestLogic.start(config, shared);
        modules.add(logic);
        return logic;
    }

    /** A logic server hashing passwords with {@code iterations} PBKDF2 rounds (production: 600,000). */
    LogicServer logic(int iterations) {
        LogicServer logic = TestLogic.start(config, shared, iterations);
        modules.add(logic);
        return logic;
    }

    ConnectServer ws(String id) {
        return start(new ConnectServer(config.with("server.id", id), shared, Transport.WS));
    }

    /** A WebSocket connect server on {@code port} (e.g. one that comes back where a stopped one was). */
    ConnectServer ws(String id, int port) {
        return start(new ConnectServer(config.with("server.id", id).with("connect.ws.port", port), shared, Transport.WS));
    }

    ConnectServer tcp(String id) {
        return start(new ConnectServer(config.with("server.id", id), shared, Transport.TCP));
    }

    TaskServer task() {
        return start(new TaskServer(config, shared));
    }

    ApiServer api() {
        return start(new ApiServer(config, shared));
    }

    void stop(ServerModule module) {
        module.close();
        modules.remove(module);
    }

    @Override
    public void close() {
        for (int i = modules.size() - 1; i >= 0; i--) {
            modules.get(i).close();
        }
        modules.clear();
        if (shared != null) {
            shared.close();
        }
    }
}
