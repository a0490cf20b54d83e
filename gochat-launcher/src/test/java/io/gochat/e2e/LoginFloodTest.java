package io.gochat.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.gochat.api.ApiServer;
import io.gochat.core.json.Json;
import io.gochat.logic.user.PasswordHasher;
import io.gochat.testkit.EtcdExtension;
import io.gochat.testkit.RedisExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Black box: 200 parallel wrong-password logins (real PBKDF2 cost, 600,000 rounds) while another user
 * keeps pushing over HTTP. Password hashing has its own small bounded pool, so the pushes are answered
 * about as fast as before the flood (compared with a baseline measured here, on this machine, not an
 * absolute speed) and the logins beyond the pool's queue are refused at once instead of piling up.
 * Rate limits and the lockouts are off here: they would stop most of the flood before any hashing,
 * and this test is about what reaches logic. The numbers are printed for gochat-bench/README.md.
 * {@code -Dflood.hashThreads=16 -Dflood.hashQueue=2000} approximates the old layout (hashing on logic's
 * 16 shared worker threads) for comparison.
 */
class LoginFloodTest {
    @RegisterExtension
    static EtcdExtension etcd = new EtcdExtension();
    @RegisterExtension
    static RedisExtension redis = new RedisExtension();
    @TempDir
    static Path dir;

    static final int FLOOD = 200;
    static final int SAMPLES = 40;
    static LocalCluster cluster;
    static ApiClient api;
    static int port;
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() {
        cluster = new LocalCluster(etcd.endpoints(), redis.url(), dir, LocalCluster.Layout.ONE_PROCESS,
                c -> c.with("hash.threads", Integer.getInteger("flood.hashThreads", 0))
                        .with("hash.queue", Integer.getInteger("flood.hashQueue", 16))
                        // a budget (3/4 of it) that admits the whole hashing queue even on a loaded machine, so the
                        // flood keeps the hashing thread busy while the pushes are measured (BlockingWorkTest covers
                        // the refusals when the work ahead would outlast the caller's timeout)
                        .with("rpc.timeout", "30s"));
        cluster.logic(PasswordHasher.DEFAULT_ITERATIONS);
        cluster.ws("ws-flood");
        cluster.task();
        ApiServer apiServer = cluster.api();
        port = apiServer.port();
        api = new ApiClient(port);
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void twoHundredParallelWrongPasswordLoginsDoNotSlowAnotherUsersPushes() throws Exception {
        String pusher = api.token("pusher");
        api.token("target");
        for (int i = 0; i < 20; i++) {   // warm-up
            push(pusher);
        }
        long[] baseline = measure(pusher);

        List<CompletableFuture<HttpResponse<String>>> logins = new ArrayList<>();
        long floodStart = System.nanoTime();
        for (int i = 0; i < FLOOD; i++) {
            logins.add(HTTP.sendAsync(request("/user/login", Map.of("userName", "target", "passWord", "wrong-" + i)),
                    HttpResponse.BodyHandlers.ofString()));
        }
        long[] during = measure(pusher);
        boolean floodStillRunning = logins.stream().anyMatch(f -> !f.isDone());
        CompletableFuture.allOf(logins.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
        long floodMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - floodStart);
        int wrong = 0;
        int busy = 0;
        for (CompletableFuture<HttpResponse<String>> f : logins) {
            JsonNode r = Json.MAPPER.readTree(f.join().body());
            assertEquals(1, r.get("code").asInt(), r.toString());
            String m = r.get("message").asText();
            if (m.equals("no this user or password error!")) {
                wrong++;
            } else if (m.startsWith("too many requests")) {
                busy++;
            }
        }
        System.out.printf("login flood: %d logins in %d ms (%d checked, %d refused as too many); pushes p50/p95/max "
                        + "baseline %.1f/%.1f/%.1f ms, during the flood %.1f/%.1f/%.1f ms (flood still running after: %s)%n",
                FLOOD, floodMillis, wrong, busy, ms(pct(baseline, 50)), ms(pct(baseline, 95)), ms(max(baseline)),
                ms(pct(during, 50)), ms(pct(during, 95)), ms(max(during)), floodStillRunning);
        assertEquals(FLOOD, wrong + busy, "every login answered: checked, or refused at once");
        assertTrue(floodStillRunning, "the pushes were measured while logins were still being hashed");
        // generous: a loaded 2-core machine shares one core with the hashing thread
        assertTrue(pct(during, 50) <= 5 * pct(baseline, 50) + TimeUnit.MILLISECONDS.toNanos(50),
                "median push latency during the flood stays near the baseline");
        assertTrue(pct(during, 95) <= 10 * pct(baseline, 95) + TimeUnit.MILLISECONDS.toNanos(250),
                "p95 push latency during the flood stays near the baseline");
    }

    private long[] measure(String token) {
        long[] nanos = new long[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            long t0 = System.nanoTime();
            push(token);
            nanos[i] = System.nanoTime() - t0;
        }
        Arrays.sort(nanos);
        return nanos;
    }

    private void push(String token) {
        JsonNode r = api.post("/push/pushRoom", "authToken", token, "roomId", 1, "msg", "still here");
        assertEquals(0, r.get("code").asInt(), r.toString());
    }

    private static HttpRequest request(String path, Map<String, Object> body) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(120))
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(body))).build();
    }

    private static long pct(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, sorted.length * p / 100)];
    }

    private static long max(long[] sorted) {
        return sorted[sorted.length - 1];
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
