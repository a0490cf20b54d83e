package io.gochat.api.routes;

import io.gochat.api.http.ApiResponse;
import io.gochat.api.http.Endpoint;
import io.gochat.api.http.JsonBody;
import io.gochat.api.http.LogicGateway;
import io.gochat.api.http.SessionGuard;
import io.gochat.protocol.service.AuthReply;
import io.javalin.config.RoutesConfig;
import io.gochat.api.security.ClientLimits;
import io.gochat.core.ratelimit.KeyedLimiter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** {@code /user/*}: gochat's register, login, checkAuth and logout, with its bodies and messages. */
public final class UserRoutes {
    static final int MAX_NAME = 20;
    static final int MAX_PASSWORD = 64;

    private final LogicGateway logic;
    private final SessionGuard sessions;
    private final ClientLimits limits;

    public UserRoutes(LogicGateway logic, SessionGuard sessions, ClientLimits limits) {
        this.logic = logic;
        this.sessions = sessions;
        this.limits = limits;
    }

    public void addTo(RoutesConfig routes) {
        routes.post("/user/register", Endpoint.of(this::register));
        routes.post("/user/login", ctx -> Endpoint.of(body -> login(body, limits.ip(ctx))).handle(ctx));
        routes.post("/user/checkAuth", Endpoint.of(this::checkAuth));
        routes.post("/user/logout", Endpoint.of(this::logout));
    }

    private CompletableFuture<ApiResponse> register(JsonBody body) {
        String name = body.text("userName", MAX_NAME);
        String password = body.text("passWord", MAX_PASSWORD);
        return logic.call(s -> s.register(name, password)).thenApply(UserRoutes::tokenAnswer);
    }

    /** Refused while this IP is locked out by wrong passwords; a wrong one counts against it. */
    private CompletableFuture<ApiResponse> login(JsonBody body, String ip) {
        String name = body.text("userName", MAX_NAME);
        String password = body.text("passWord", MAX_PASSWORD);
        long locked = limits.loginLockedFor(ip);
        if (locked > 0) {
            return CompletableFuture.completedFuture(ApiResponse.fail(KeyedLimiter.tooMany(locked)));
        }
        return logic.call(s -> s.login(name, password)).thenApply(reply -> {
            if (BAD_LOGIN.equals(reply.message())) {
                limits.loginFailed(ip);
            }
            return tokenAnswer(reply);
        });
    }

    /** logic's answer to a wrong password or unknown user (gochat's words). */
    static final String BAD_LOGIN = "no this user or password error!";

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
