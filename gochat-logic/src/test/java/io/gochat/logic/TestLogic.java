package io.gochat.logic;

import io.gochat.cluster.ClusterRuntime;
import io.gochat.core.config.GochatConfig;
import java.nio.file.Path;

/**
 * Starts logic servers for tests (also used by the api module's tests): cheap password hashing,
 * a sqlite file in the given directory, the given etcd and Redis. Rate limits are off and any password
 * is accepted, so that tests about other things can register "pw" and send bursts; the tests of the
 * limits and of the password policy ({@code SecurityFlowTest}, {@code AccountSecurityTest}) set them.
 */
public final class TestLogic {
    public static final int FAST_HASH_ITERATIONS = 1_000;

    private TestLogic() {
    }

    public static GochatConfig config(String etcdEndpoints, String redisUrl, Path dir) {
        GochatConfig config = GochatConfig.defaults()
                .with("etcd.endpoints", etcdEndpoints)
                .with("redis.url", redisUrl)
                .with("db.url", dir.resolve("gochat.db").toString())
                .with("blob.dir", dir.resolve("blobs").toString())
                .with("registry.ttl", "2s")
                .with("password.minLength", 1)
                .with("password.refuseCommon", false)
                .with("hash.queue", 1000);
        for (io.gochat.core.config.ConfigKey limit : new io.gochat.core.ratelimit.LimitConfigKeys().keys()) {
            config = config.with(limit, "off");
        }
        return config;
    }

    public static LogicServer start(GochatConfig config) {
        return start(config, null);
    }

    /** @param shared the cluster runtime of the test's "process", or null for one of the server's own */
    public static LogicServer start(GochatConfig config, ClusterRuntime shared) {
        return start(config, shared, FAST_HASH_ITERATIONS);
    }

    /** @param hashIterations PBKDF2 rounds (tests that measure the cost of real hashing use production's) */
    public static LogicServer start(GochatConfig config, ClusterRuntime shared, int hashIterations) {
        LogicServer server = new LogicServer(config, shared, hashIterations);
        try {
            server.start();
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }
}
