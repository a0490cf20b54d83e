package io.gochat.api.routes;

import io.gochat.api.http.ApiResponse;
import io.gochat.api.http.Endpoint;
import io.gochat.api.http.JsonBody;
import io.gochat.api.http.SessionGuard;
import io.javalin.config.RoutesConfig;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * {@code /push/*} until message delivery lands: the session is checked as gochat does (40000 for a
 * bad token), then the client is told plainly that pushing is not available yet — not a 404.
 */
public final class PushRoutes {
    public static final String NOT_YET = "push is not available yet on this server";
    static final List<String> PATHS = List.of("/push/push", "/push/pushRoom", "/push/count", "/push/getRoomInfo");

    private final SessionGuard sessions;

    public PushRoutes(SessionGuard sessions) {
        this.sessions = sessions;
    }

    public void addTo(RoutesConfig routes) {
        PATHS.forEach(path -> routes.post(path, Endpoint.of(this::notYet)));
    }

    private CompletableFuture<ApiResponse> notYet(JsonBody body) {
        return sessions.check(body).thenApply(auth -> ApiResponse.fail(NOT_YET));
    }
}
