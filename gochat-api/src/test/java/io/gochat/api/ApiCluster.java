package io.gochat.api;

import io.gochat.core.config.GochatConfig;
import io.gochat.logic.TestLogic;
import java.nio.file.Path;

/** Config and start helpers for api tests: a real api on a random port next to real logic servers. */
final class ApiCluster {
    private ApiCluster() {
    }

    static GochatConfig config(String etcd, String redis, Path dir) {
        return TestLogic.config(etcd, redis, dir)
                .with("listen.host", "127.0.0.1")
                .with("api.port", 0)
                .with("site.port", 8080);
    }

    static ApiServer startApi(GochatConfig config) {
        ApiServer api = new ApiServer(config);
        try {
            api.start();
        } catch (RuntimeException e) {
            api.close();
            throw e;
        }
        return api;
    }
}
