package io.gochat.api;

import static io.gochat.api.HttpJson.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.gochat.cluster.ClusterRuntime;
import io.gochat.cluster.discovery.ClusterNode;
import io.gochat.cluster.discovery.Roles;
import io.gochat.core.config.GochatConfig;
import io.gochat.protocol.service.LogicService;
import io.gochat.testkit.EtcdExtension;
import io.gochat.testkit.Eventually;
import java.lang.reflect.Proxy;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The api holds no thread per request, so it bounds the requests in flight and says "busy" beyond it. */
class ApiInFlightTest {
    @RegisterExtension
    static EtcdExtension etcd = new EtcdExtension();

    /** A logic server that accepts every call and never answers. */
    private static LogicService stalled() {
        return (LogicService) Proxy.newProxyInstance(LogicService.class.getClassLoader(),
                new Class<?>[] {LogicService.class}, (p, m, a) -> m.getDeclaringClass() == Object.class
                        ? (m.getName().equals("equals") ? p == a[0] : m.getName().equals("hashCode") ? 1 : "stalled")
                        : new CompletableFuture<>());
    }

    @Test
    void requestsBeyondTheBoundAreAnsweredBusyAtOnceAndTheBoundFreesWhenAnswersCome(@TempDir Path dir) {
        GochatConfig config = ApiCluster.config(etcd.endpoints(), "redis://127.0.0.1:1", dir)
                .with("api.maxInFlight", 2).with("rpc.timeout", "3s");
        try (ClusterRuntime process = ClusterRuntime.create(config, "all");
             ClusterNode logic = ClusterNode.join(process, config, Roles.LOGIC, "")) {
            logic.export(LogicService.class, stalled());
            logic.register("", Map.of());
            ApiServer api = new ApiServer(config, process);
            api.start();
            try {
                HttpJson http = new HttpJson(api.port());
                List<CompletableFuture<HttpResponse<String>>> stuck = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    stuck.add(http.sendAsync(http.request("/push/pushRoom").POST(java.net.http.HttpRequest
                            .BodyPublishers.ofString(json("authToken", "tok" + i, "msg", "hi", "roomId", 1)))));
                }
                Eventually.await(Duration.ofSeconds(10), "two requests wait for logic", () -> api.inFlight() == 2);

                long start = System.nanoTime();
                JsonNode busy = http.post("/push/pushRoom", json("authToken", "tok", "msg", "hi", "roomId", 1));
                assertEquals(1, busy.get("code").asInt(), busy.toString());
                assertTrue(busy.get("message").asText().contains("busy"), busy.toString());
                assertTrue(System.nanoTime() - start < Duration.ofSeconds(2).toNanos(), "answered at once");

                for (CompletableFuture<HttpResponse<String>> f : stuck) {
                    JsonNode timedOut = HttpJson.envelope(f.join());
                    assertEquals(1, timedOut.get("code").asInt());
                    assertTrue(timedOut.get("message").asText().contains("timed out"), timedOut.toString());
                }
                assertEquals(0, api.inFlight(), "answered requests leave the bound");
            } finally {
                api.close();
            }
        }
    }
}
