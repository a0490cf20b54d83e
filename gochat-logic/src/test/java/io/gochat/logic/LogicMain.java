package io.gochat.logic;

import io.gochat.core.config.GochatConfig;
import java.util.concurrent.CountDownLatch;

/**
 * Child-JVM fixture: runs one logic server (args: etcd endpoints, redis url, db url, registry ttl),
 * prints {@code READY <serverId>} and waits to be killed, so tests can crash it for real.
 */
public final class LogicMain {
    public static void main(String[] args) throws Exception {
        GochatConfig config = GochatConfig.defaults()
                .with("etcd.endpoints", args[0])
                .with("redis.url", args[1])
                .with("db.url", args[2])
                .with("registry.ttl", args[3]);
        LogicServer server = TestLogic.start(config);
        System.out.println("READY " + server.serverId());
        new CountDownLatch(1).await();
    }
}
