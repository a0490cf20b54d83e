package io.gochat.api;

import static io.gochat.api.HttpJson.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.gochat.api.http.LogicGateway;
import io.gochat.core.config.GochatConfig;
import io.gochat.cluster.discovery.Roles;
import io.gochat.core.lifecycle.StartupException;
import io.gochat.cluster.discovery.ServiceWatcher;
import io.gochat.logic.LogicMain;
import io.gochat.logic.LogicServer;
import io.gochat.testkit.ChildJvm;
import io.gochat.logic.TestLogic;
import io.gochat.testkit.EtcdExtension;
import io.gochat.testkit.Eventually;
import io.gochat.testkit.RedisExtension;
import io.gochat.cluster.discovery.EtcdConnection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** api finds logic servers through etcd, survives losing one, and says so plainly when none is left. */
class ApiFailoverTest {
    @RegisterExtension
    static EtcdExtension etcd = new EtcdExtension();
    @RegisterExtension
    static RedisExtension redis = new RedisExtension();

    @Test
    void requestsKeepSucceedingWhenOneOfTwoLogicServersDies(@TempDir Path dir) {
        GochatConfig config = ApiCluster.config(etcd.endpoints(), redis.url(), dir);
        try (ApiServer api = ApiCluster.startApi(config)) {
            HttpJson http = new HttpJson(api.port());
            JsonNode none = http.post("/user/register", json("userName", "early", "passWord", "pw"));
            assertEquals(1, none.get("code").asInt());
            assertEquals(LogicGateway.UNAVAILABLE, none.get("message").asText());
            assertEquals(LogicGateway.UNAVAILABLE,
                    http.post("/user/checkAuth", json("authToken", "abc")).get("message").asText());

            // a runs in its own JVM so it can be killed for real (kill -9: no deregistration, the lease lingers)
            ChildJvm a = ChildJvm.start(LogicMain.class, etcd.endpoints(), redis.url(),
                    dir.resolve("gochat.db").toString(), "5s");
            LogicServer b = TestLogic.start(config);   // same sqlite file and Redis: either can answer anything
            try (EtcdConnection conn = EtcdConnection.connect(List.of(etcd.endpoints()), Duration.ofSeconds(3),
                new io.gochat.core.lifecycle.StartupWait(Duration.ofSeconds(30)));
                 ServiceWatcher apis = ServiceWatcher.start(conn, Roles.API);
                 ServiceWatcher logics = ServiceWatcher.start(conn, Roles.LOGIC)) {
                String aId = a.awaitLine("READY", Duration.ofSeconds(60)).substring("READY ".length());
                assertEquals(api.port(), apis.servers().values().iterator().next().ports().get("http"),
                        "api registered in etcd with its HTTP port");
                Eventually.await(Duration.ofSeconds(10), "both logic servers listed", () -> logics.servers().size() == 2);
                String token = Eventually.awaitValue(Duration.ofSeconds(10), "api reaches logic", () -> {
                    JsonNode r = http.post("/user/register", json("userName", "survivor", "passWord", "pw"));
                    return r.get("code").asInt() == 0 ? r.get("data").asText() : null;
                });
                for (int i = 0; i < 10; i++) {
                    assertOk(http, token, i);
                }
                a.kill();
                for (int i = 0; i < 30; i++) {
                    assertOk(http, token, i);
                }
                assertTrue(logics.servers().containsKey(aId),
                        "the killed server was still listed in etcd, so the calls above really failed over");
                b.close();
                Eventually.await(Duration.ofSeconds(10), "api tells clients logic is gone", () -> LogicGateway.UNAVAILABLE
                        .equals(http.post("/user/checkAuth", json("authToken", token)).get("message").asText()));
            } finally {
                a.close();
                b.close();
            }
        }
    }

    @Test
    void aTakenPortFailsTheStartClearlyAndCloseIsSafeAfterIt(@TempDir Path dir) throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            ApiServer api = new ApiServer(ApiCluster.config(etcd.endpoints(), redis.url(), dir)
                    .with("api.port", taken.getLocalPort()));
            StartupException e = assertThrows(StartupException.class, api::start);
            assertTrue(e.getMessage().contains("cannot listen"), e.getMessage());
            api.close();
            api.close();
        }
    }

    private static void assertOk(HttpJson http, String token, int i) {
        assertEquals(0, http.post("/user/checkAuth", json("authToken", token)).get("code").asInt(), "checkAuth " + i);
        assertEquals(0, http.post("/user/login", json("userName", "survivor", "passWord", "pw")).get("code").asInt(),
                "login " + i);
    }
}
