package io.gochat.bench.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** gochat's HTTP API (register, login, checkAuth, push) over an {@link HttpPoster}. */
public final class ApiClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpPoster http;

    public ApiClient(HttpPoster http) {
        this.http = http;
    }

    /** The JDK HttpClient; for setup calls (logins), where cost per request does not matter. */
    public ApiClient(String base, int threads) {
        this(new JdkHttpPoster(base.endsWith("/") ? base.substring(0, base.length() - 1) : base, threads));
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
        long start = System.nanoTime();
        return http.post(path, json).thenApply(bytes -> {
            long nanos = System.nanoTime() - start;
            try {
                JsonNode n = JSON.readTree(bytes);
                return new Reply(n.path("code").asInt(-1), n.path("data"), n.path("message").asText(n.path("msg").asText("")), nanos);
            } catch (IOException e) {
                return new Reply(-1, null, "not JSON: " + new String(bytes, java.nio.charset.StandardCharsets.UTF_8), nanos);
            }
        });
    }

    public CompletableFuture<Reply> pushRoom(String token, long roomId, String msg) {
        return post("/push/pushRoom", Map.of("authToken", token, "roomId", roomId, "msg", msg));
    }

    public CompletableFuture<Reply> pushPrivate(String token, long toUserId, long roomId, String msg) {
        return post("/push/push", Map.of("authToken", token, "toUserId", String.valueOf(toUserId),
                "roomId", roomId, "msg", msg));
    }
}
