package io.gochat.bench.api;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;

/** The JDK HttpClient (HTTP/1.1, keep-alive): simple, but costly per request for a load generator. */
public final class JdkHttpPoster implements HttpPoster {
    private final String base;
    private final HttpClient http;

    public JdkHttpPoster(String base, int threads) {
        this.base = base;
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

    @Override
    public CompletableFuture<byte[]> post(String path, String json) {
        HttpRequest req = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
        return http.sendAsync(req, HttpResponse.BodyHandlers.ofByteArray()).thenApply(HttpResponse::body);
    }
}
