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
        int batch = 16;
        for (int from = 0; from < count; from += batch) {
            List<CompletableFuture<BenchUser>> futures = new ArrayList<>();
            for (int i = from; i < Math.min(count, from + batch); i++) {
                String name = prefix + i;
                futures.add(logInOne(api, name).exceptionallyCompose(e -> logInOne(api, name))   // a busy logic
                        .exceptionallyCompose(e -> logInOne(api, name)));                          // times out

            }
            for (CompletableFuture<BenchUser> f : futures) {
                users.add(f.join());
            }
        }
        return users;
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
