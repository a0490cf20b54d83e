package io.gochat.bench.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A pool of bench users {@code <prefix><i>}: registered if new, logged in, with their ids. Registering
 * thousands of users is slow, so connections reuse a few hundred users (several connections per user).
 */
public final class UserPool {
    private UserPool() {
    }

    public static List<BenchUser> logIn(ApiClient api, String prefix, int count) {
        List<BenchUser> users = new ArrayList<>(count);
        // Each new user costs two password hashes (a failed login, then the registration) on logic's hashing
        // pool (one thread on 2 cores, 0.3-1 s per hash under load): a few at a time, retried while logic is busy.
        int batch = 2;
        for (int from = 0; from < count; from += batch) {
            List<CompletableFuture<BenchUser>> futures = new ArrayList<>();
            for (int i = from; i < Math.min(count, from + batch); i++) {
                futures.add(withRetries(api, prefix + i, 8, 500));
            }
            for (CompletableFuture<BenchUser> f : futures) {
                users.add(f.join());
            }
        }
        return users;
    }

    private static CompletableFuture<BenchUser> withRetries(ApiClient api, String name, int triesLeft, long backoffMs) {
        return logInOne(api, name).exceptionallyCompose(e -> {
            if (triesLeft <= 1) {
                return CompletableFuture.failedFuture(e);
            }
            System.err.println("bench: retrying " + name + " in " + backoffMs + " ms: " + e.getMessage());
            return CompletableFuture.supplyAsync(() -> null,
                            CompletableFuture.delayedExecutor(backoffMs, java.util.concurrent.TimeUnit.MILLISECONDS))
                    .thenCompose(x -> withRetries(api, name, triesLeft - 1, Math.min(8_000, backoffMs * 2)));
        });
    }

    private static CompletableFuture<BenchUser> logInOne(ApiClient api, String name) {
        Map<String, Object> creds = Map.of("userName", name, "passWord", "bench-" + name);
        return api.post("/user/login", creds).thenCompose(login -> login.ok()
                        ? CompletableFuture.completedFuture(login)
                        : api.post("/user/register", creds))
                .thenCompose(r -> {
                    if (!r.ok()) {
                        throw new IllegalStateException("cannot log in " + name + ": " + r.message());
                    }
                    String token = r.data().asText();
                    return api.post("/user/checkAuth", Map.of("authToken", token)).thenApply(c -> {
                        if (!c.ok()) {
                            throw new IllegalStateException("checkAuth failed for " + name + ": " + c.message());
                        }
                        return new BenchUser(name, c.data().path("userId").asLong(), token);
                    });
                });
    }
}
