package io.gochat.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.gochat.core.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** gochat's HTTP API as its clients call it: POST JSON, read the envelope. */
final class ApiClient {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    ApiClient(int port) {
        this("127.0.0.1", port);
    }

    ApiClient(String host, int port) {
        this.base = "http://" + host + ":" + port;
    }

    JsonNode post(String path, Object... keyValues) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            body.put((String) keyValues[i], keyValues[i + 1]);
        }
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + path))
                            .timeout(Duration.ofSeconds(10))
                            .POST(HttpRequest.BodyPublishers.ofString(Json.write(body))).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new AssertionError(path + " answered HTTP " + r.statusCode() + ": " + r.body());
            }
            return Json.MAPPER.readTree(r.body());
        } catch (Exception e) {
            throw new AssertionError(path + " failed: " + e, e);
        }
    }

    /**
     * Registers (or logs in) and returns the token. Like any client, it tries again while logic says it is busy:
     * a password hash costs a quarter of a second of one core, far more on a loaded machine.
     */
    String token(String user) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        for (long backoff = 200; ; backoff = Math.min(backoff * 2, 3_000)) {
            JsonNode r = post("/user/register", "userName", user, "passWord", "secret-" + user);
            if (r.get("code").asInt() != 0) {
                r = post("/user/login", "userName", user, "passWord", "secret-" + user);
            }
            if (r.get("code").asInt() == 0) {
                return r.get("data").asText();
            }
            String m = r.path("message").asText();
            boolean busy = m.contains("try again") || m.startsWith("too many requests");
            if (!busy || System.nanoTime() + backoff * 1_000_000 > deadline) {
                throw new AssertionError("cannot get a token for " + user + ": " + r);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(backoff * 1_000_000);   // backoff before a retry
        }
    }

    long userId(String token) {
        return post("/user/checkAuth", "authToken", token).get("data").get("userId").asLong();
    }
}
