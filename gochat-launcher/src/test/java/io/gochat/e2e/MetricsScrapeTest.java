package io.gochat.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.gochat.api.ApiServer;
import io.gochat.client.ChatListener;
import io.gochat.client.GochatClient;
import io.gochat.client.Message;
import io.gochat.connect.ConnectServer;
import io.gochat.core.json.Json;
import io.gochat.testkit.EtcdExtension;
import io.gochat.testkit.Eventually;
import io.gochat.testkit.FreePorts;
import io.gochat.testkit.RedisExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin port of a running system (every module in one process, as ./run.sh runs it): /metrics has every
 * metric the Grafana dashboard names, moving under traffic; /health/live and /health/ready answer, and ready
 * turns 503 naming the check when a module leaves etcd.
 */
class MetricsScrapeTest {
    @RegisterExtension
    static EtcdExtension etcd = new EtcdExtension();
    @RegisterExtension
    static RedisExtension redis = new RedisExtension();
    @TempDir
    Path dir;

    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final Duration WAIT = Duration.ofSeconds(20);
    /** A metric name right before its label matchers in a PromQL expression: {@code name{...}}. */
    static final Pattern SELECTOR = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\{");

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The value of the first sample whose line starts with {@code prefix} (name and some labels). */
    private static double sample(String scrape, String name, String... labels) {
        return scrape.lines().filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
                .filter(l -> {
                    for (String label : labels) {
                        if (!l.contains(label)) {
                            return false;
                        }
                    }
                    return true;
                })
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    @Test
    void everyMetricTheDashboardNamesIsScrapedAndMovesUnderTrafficAndReadinessFollowsEtcd() throws Exception {
        int admin = FreePorts.next();
        try (LocalCluster cluster = new LocalCluster(etcd.endpoints(), redis.url(), dir,
                LocalCluster.Layout.ONE_PROCESS, admin)) {
            assertEquals(200, get(admin, "/health/live").statusCode(), "live while starting");
            assertEquals(503, get(admin, "/health/ready").statusCode(), "not ready before any module registered");

            cluster.logic();
            ConnectServer ws = cluster.ws("metrics-ws");
            ConnectServer tcp = cluster.tcp("metrics-tcp");
            cluster.task();
            ApiServer api = cluster.api();
            String apiUrl = "http://127.0.0.1:" + api.port();

            Eventually.await(WAIT, "ready once every module registered", () -> {
                try {
                    return get(admin, "/health/ready").statusCode() == 200;
                } catch (Exception e) {
                    return false;
                }
            });
            JsonNode ready = Json.MAPPER.readTree(get(admin, "/health/ready").body());
            assertEquals("UP", ready.get("status").asText());
            assertTrue(ready.get("checks").has("metrics-ws registered in etcd"), ready.toString());

            // traffic: WS and TCP clients, private and room messages, over the socket and over HTTP
            List<Message> got = new CopyOnWriteArrayList<>();
            ChatListener keep = new ChatListener() {
                @Override
                public void onPrivateMessage(Message m) {
                    got.add(m);
                }

                @Override
                public void onRoomMessage(Message m) {
                    got.add(m);
                }
            };
            try (GochatClient a = GochatClient.builder().api(apiUrl).endpoint("ws://127.0.0.1:" + ws.port() + "/ws")
                    .room(3).listener(keep).build();
                 GochatClient b = GochatClient.builder().api(apiUrl).endpoint("tcp://127.0.0.1:" + tcp.port())
                         .room(3).listener(keep).sendOverSocket(false).build()) {
                a.register("metrics-a", "secret-a").join();
                b.register("metrics-b", "secret-b").join();
                a.connect().get(WAIT.toSeconds(), TimeUnit.SECONDS);
                b.connect().get(WAIT.toSeconds(), TimeUnit.SECONDS);
                for (int i = 0; i < 5; i++) {
                    a.sendRoom("room " + i).join();
                    b.sendPrivate(a.session().userId(), "private " + i).join();
                }
                Eventually.await(WAIT, "the messages arrived", () -> got.size() >= 15);
                // Micrometer's GC pause timer appears with the first collection it is told of, and a quiet test
                // JVM may not have collected yet: ask for one, and wait until the scrape shows it
                System.gc();
                Eventually.await(WAIT, "a GC pause is recorded", () -> {
                    try {
                        return get(admin, "/metrics").body().contains("jvm_gc_pause_seconds_count");
                    } catch (Exception e) {
                        return false;
                    }
                });

                String scrape = get(admin, "/metrics").body();
                JsonNode dashboard = Json.MAPPER.readTree(Path.of("..", "docker", "grafana-dashboard.json").toFile());
                Set<String> named = new TreeSet<>();
                for (JsonNode panel : dashboard.get("panels")) {
                    for (JsonNode target : panel.get("targets")) {
                        Matcher m = SELECTOR.matcher(target.get("expr").asText());
                        while (m.find()) {
                            named.add(m.group(1));
                        }
                    }
                }
                assertTrue(named.size() > 15, "the dashboard names its metrics: " + named);
                for (String name : named) {
                    assertTrue(scrape.lines().anyMatch(l -> l.startsWith(name + "{") || l.startsWith(name + " ")),
                            () -> "the dashboard's " + name + " is scraped; similar: " + scrape.lines()
                                    .filter(l -> !l.startsWith("#") && l.startsWith(name.substring(0, name.indexOf('_', 4))))
                                    .map(l -> l.substring(0, Math.max(l.indexOf('{'), 0))).distinct().toList());
                }

                assertEquals(1, sample(scrape, "gochat_connect_connections", "transport=\"ws\""));
                assertEquals(1, sample(scrape, "gochat_connect_connections", "transport=\"tcp\""));
                assertTrue(sample(scrape, "gochat_connect_auths_total", "result=\"ok\"") >= 2);
                assertTrue(sample(scrape, "gochat_connect_frames_total", "direction=\"out\"") >= 15);
                assertTrue(sample(scrape, "gochat_logic_requests_seconds_count", "route=\"message\"", "outcome=\"ok\"") >= 10);
                assertTrue(sample(scrape, "gochat_logic_store_messages_total", "outcome=\"stored\"") >= 10);
                assertTrue(sample(scrape, "gochat_task_messages_total", "outcome=\"delivered\"") >= 10);
                assertTrue(sample(scrape, "gochat_api_requests_seconds_count", "route=\"/push/push\"", "code=\"0\"") >= 5);
                assertTrue(sample(scrape, "jvm_threads_live_threads") > 0);
            }

            cluster.stop(ws);
            HttpResponse<String> down = get(admin, "/health/ready");
            assertEquals(503, down.statusCode(), down.body());
            assertTrue(down.body().contains("\"metrics-ws registered in etcd\":false"), down.body());
        }
    }
}
