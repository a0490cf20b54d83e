package io.gochat.e2e;

import io.gochat.api.ApiServer;
import io.gochat.common.config.GochatConfig;
import io.gochat.common.lifecycle.ServerModule;
import io.gochat.connect.ConnectServer;
import io.gochat.logic.LogicServer;
import io.gochat.logic.TestLogic;
import io.gochat.task.TaskServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A whole gochat-java system in one JVM, on random ports, against the given etcd and Redis. */
final class LocalCluster implements AutoCloseable {
    final GochatConfig config;
    private final List<ServerModule> modules = new ArrayList<>();

    LocalCluster(String etcd, String redis, Path dir) {
        config = TestLogic.config(etcd, redis, dir)
                .with("rpc.timeout", "5s")
                .with("listen.host", "127.0.0.1")
                .with("api.port", 0)
                .with("connect.ws.port", 0)
                .with("connect.tcp.port", 0);
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

    LogicServer logic() {
        LogicServer logic = TestLogic.start(config);
        modules.add(logic);
        return logic;
    }

    ConnectServer ws(String id) {
        return start(new ConnectServer(config.with("server.id", id), ConnectServer.Transport.WS));
    }

    ConnectServer tcp(String id) {
        return start(new ConnectServer(config.with("server.id", id), ConnectServer.Transport.TCP));
    }

    TaskServer task() {
        return start(new TaskServer(config));
    }

    ApiServer api() {
        return start(new ApiServer(config));
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
    }
}
