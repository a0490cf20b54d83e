package io.gochat.api.routes;

import io.gochat.api.http.ApiResponse;
import io.gochat.api.http.Endpoint;
import io.gochat.api.http.JsonBody;
import io.gochat.api.http.LogicGateway;
import io.gochat.api.http.SessionGuard;
import io.gochat.protocol.service.AuthReply;
import io.javalin.config.RoutesConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** {@code /user/*}: gochat's register, login, checkAuth and logout, with its bodies and messages. */
public final class UserRoutes {
    static final int MAX_NAME = 20;
    static final int MAX_PASSWORD = 64;

    private final LogicGateway logic;
    private final SessionGuard sessions;

    public UserRoutes(LogicGateway logic, SessionGuard sessions) {
        this.logic = logic;
        this.sessions = sessions;
    }

    public void addTo(RoutesConfig routes) {
        routes.post("/user/register", Endpoint.of(this::register));
        routes.post("/user/login", Endpoint.of(this::login));
        routes.post("/user/checkAuth", Endpoint.of(this::checkAuth));
        routes.post("/user/logout", Endpoint.of(this::logout));
    }

    private CompletableFuture<ApiResponse> register(JsonBody body) {
        String name = body.text("userName", MAX_NAME);
        String password = body.text("passWord", MAX_PASSWORD);
        return logic.call(s -> s.register(name, password)).thenApply(UserRoutes::tokenAnswer);
    }

    private CompletableFuture<ApiResponse> login(JsonBody body) {
        String name = body.text("userName", MAX_NAME);
        String password = body.text("passWord", MAX_PASSWORD);
        return logic.call(s -> s.login(name, password)).thenApply(UserRoutes::tokenAnswer);
    }

    private CompletableFuture<ApiResponse> checkAuth(JsonBody body) {
        return sessions.check(body).thenApply(auth -> {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("userId", auth.session().userId());
            data.put("userName", auth.session().userName());
            return ApiResponse.ok("auth success", data);
        });
    }

    private CompletableFuture<ApiResponse> logout(JsonBody body) {
        return sessions.check(body)
                .thenCompose(auth -> logic.call(s -> s.logout(auth.token())))
                .thenApply(done -> Boolean.TRUE.equals(done) ? ApiResponse.ok("logout ok!", null)
                        : ApiResponse.fail("logout fail!"));
    }

    private static ApiResponse tokenAnswer(AuthReply reply) {
        return reply.ok() ? ApiResponse.ok(reply.message(), reply.token()) : ApiResponse.fail(reply.message());
    }
}
