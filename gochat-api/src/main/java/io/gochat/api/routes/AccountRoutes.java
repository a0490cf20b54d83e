package io.gochat.api.routes;

import io.gochat.api.http.ApiResponse;
import io.gochat.api.http.BadRequest;
import io.gochat.api.http.Endpoint;
import io.gochat.api.http.JsonBody;
import io.gochat.api.http.LogicGateway;
import io.gochat.api.http.SessionGuard;
import io.gochat.api.security.ClientLimits;
import io.gochat.core.ratelimit.KeyedLimiter;
import io.gochat.protocol.service.AuthReply;
import io.gochat.protocol.service.PushReply;
import io.gochat.protocol.service.TokenReply;
import io.javalin.config.RoutesConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Routes beyond gochat's, in its envelope: a login for an access + refresh token pair, the refresh, a
 * password change and account deletion (both end every session of the user and close its sockets).
 */
public final class AccountRoutes {
    private final LogicGateway logic;
    private final ClientLimits limits;

    public AccountRoutes(LogicGateway logic, ClientLimits limits) {
        this.logic = logic;
        this.limits = limits;
    }

    public void addTo(RoutesConfig routes) {
        routes.post("/user/token", ctx -> Endpoint.of(body -> token(body, limits.ip(ctx))).handle(ctx));
        routes.post("/user/refresh", Endpoint.of(this::refresh));
        routes.post("/user/password", Endpoint.of(this::changePassword));
        routes.post("/user/delete", Endpoint.of(this::delete));
    }

    private CompletableFuture<ApiResponse> token(JsonBody body, String ip) {
        String name = body.text("userName", UserRoutes.MAX_NAME);
        String password = body.text("passWord", UserRoutes.MAX_PASSWORD);
        long locked = limits.loginLockedFor(ip);
        if (locked > 0) {
            return CompletableFuture.completedFuture(ApiResponse.fail(KeyedLimiter.tooMany(locked)));
        }
        return logic.call(s -> s.loginForTokens(name, password)).thenApply(reply -> {
            if (UserRoutes.BAD_LOGIN.equals(reply.message())) {
                limits.loginFailed(ip);
            }
            return pairAnswer(reply);
        });
    }

    private CompletableFuture<ApiResponse> refresh(JsonBody body) {
        String token = body.optionalTextOrNull("refreshToken");
        if (token == null || token.isEmpty() || token.length() > SessionGuard.MAX_TOKEN_LENGTH) {
            return CompletableFuture.failedFuture(new BadRequest(ApiResponse.sessionError()));
        }
        return logic.call(s -> s.refresh(token)).thenApply(AccountRoutes::pairAnswer);
    }

    private CompletableFuture<ApiResponse> changePassword(JsonBody body) {
        String token = token(body);
        String password = body.text("passWord", UserRoutes.MAX_PASSWORD);
        String newPassword = body.text("newPassWord", UserRoutes.MAX_PASSWORD);
        return logic.call(s -> s.changePassword(token, password, newPassword)).thenApply(AccountRoutes::answer);
    }

    private CompletableFuture<ApiResponse> delete(JsonBody body) {
        String token = token(body);
        String password = body.text("passWord", UserRoutes.MAX_PASSWORD);
        return logic.call(s -> s.deleteAccount(token, password)).thenApply(AccountRoutes::answer);
    }

    private static String token(JsonBody body) {
        String token = body.optionalTextOrNull("authToken");
        if (token == null || token.isEmpty() || token.length() > SessionGuard.MAX_TOKEN_LENGTH) {
            throw new BadRequest(ApiResponse.sessionError());
        }
        return token;
    }

    private static ApiResponse answer(AuthReply reply) {
        if (reply.code() == PushReply.SESSION_ERROR) {
            return ApiResponse.sessionError();
        }
        return reply.ok() ? ApiResponse.ok(reply.message(), null) : ApiResponse.fail(reply.message());
    }

    private static ApiResponse pairAnswer(TokenReply reply) {
        if (reply.code() == PushReply.SESSION_ERROR) {
            return ApiResponse.sessionError();
        }
        if (!reply.ok()) {
            return ApiResponse.fail(reply.message());
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("accessToken", reply.accessToken());
        data.put("refreshToken", reply.refreshToken());
        data.put("expiresIn", reply.accessExpiresIn());
        data.put("refreshExpiresIn", reply.refreshExpiresIn());
        return ApiResponse.ok(reply.message(), data);
    }
}
