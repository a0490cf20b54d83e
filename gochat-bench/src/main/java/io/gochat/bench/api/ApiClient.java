package io.gochat.bench.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;

/** gochat's HTTP API over the JDK HttpClient (HTTP/1.1, keep-alive): register, login, checkAuth, push. */
public final class ApiClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String base;
    private final HttpClient http;

    public ApiClient(String base, int threads) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .executor(Executors.newFixedThreadPool(threads, r -> {
                    Thread t = new Thread(r, "api-client");
                    t.setDaemon(true);
                    return t;
                }))
                .build();
    }

    /** The API's answer: {@code code} (0 = ok), {@code data} and how long the request took. */
    public record Reply(int code, JsonNode data, String message, long nanos) {
        public boolean ok() {
            return code == 0;
        }
    }

    public CompletableFuture<Reply> post(String path, Map<String, Object> body) {
        String json;
        try {
            json = JSON.writeValueAsString(body);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
        HttpRequest req = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
        long start = System.nanoTime();
        return http.sendAsync(req, HttpResponse.BodyHandlers.ofByteArray()).thenApply(resp -> {
            long nanos = System.nanoTime() - start;
            try {
                JsonNode n = JSON.readTree(resp.body());
                return new Reply(n.path("code").asInt(-1), n.path("data"), n.path("msg").asText(""), nanos);
            } catch (IOException e) {
                return new Reply(-1, null, "HTTP " + resp.statusCode(), nanos);
            }
        });
    }

    public Reply postSync(String path, Map<String, Object> body) {
        return post(path, body).join();
    }

    public CompletableFuture<Reply> pushRoom(String token, long roomId, String msg) {
        return post("/push/pushRoom", Map.of("authToken", token, "roomId", roomId, "msg", msg));
    }

    public CompletableFuture<Reply> pushPrivate(String token, long toUserId, long roomId, String msg) {
        return post("/push/push", Map.of("authToken", token, "toUserId", String.valueOf(toUserId),
                "roomId", roomId, "msg", msg));
    }
}
