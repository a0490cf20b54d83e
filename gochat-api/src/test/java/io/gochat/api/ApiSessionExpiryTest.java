package io.gochat.api;

import static io.gochat.api.HttpJson.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gochat.core.config.GochatConfig;
import io.gochat.logic.LogicServer;
import io.gochat.logic.TestLogic;
import io.gochat.testkit.EtcdExtension;
import io.gochat.testkit.Eventually;
import io.gochat.testkit.RedisExtension;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class ApiSessionExpiryTest {
    @RegisterExtension
    static EtcdExtension etcd = new EtcdExtension();
    @RegisterExtension
    static RedisExtension redis = new RedisExtension();

    @Test
    void aTokenStopsWorkingAfterSessionTtl(@TempDir Path dir) {
        GochatConfig config = ApiCluster.config(etcd.endpoints(), redis.url(), dir).with("session.ttl", "1s");
        try (LogicServer logic = TestLogic.start(config); ApiServer api = ApiCluster.startApi(config)) {
            HttpJson http = new HttpJson(api.port());
            String token = Eventually.awaitValue(Duration.ofSeconds(10), "registered", () -> {
                var r = http.post("/user/register", json("userName", "eve", "passWord", "pw"));
                return r.get("code").asInt() == 0 ? r.get("data").asText() : null;
            });
            // No check that it is valid first: with a 1 s TTL that would race. It must expire.
            Eventually.await(Duration.ofSeconds(6), "token expired",
                    () -> http.post("/user/checkAuth", json("authToken", token)).get("code").asInt() == 40000);
            assertEquals(40000, http.post("/push/count", json("authToken", token, "roomId", 1)).get("code").asInt());
        }
    }
}
