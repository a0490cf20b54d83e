package io.gochat.api.security;

import io.gochat.api.ApiConfigKeys;
import io.gochat.api.http.ApiResponse;
import io.gochat.api.http.Responses;
import io.gochat.core.config.ConfigKey;
import io.gochat.core.config.GochatConfig;
import io.gochat.core.ratelimit.KeyedLimiter;
import io.gochat.core.ratelimit.LimitConfigKeys;
import io.gochat.core.ratelimit.Rate;
import io.javalin.http.Context;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Requests per client IP, per route family (Bucket4j buckets, {@code limit.*} keys): a limited request
 * gets gochat's envelope with code 1 {@code too many requests, retry in N s} (and a Retry-After header)
 * before any logic call. Also the per-IP wrong-password lockout ({@code limit.loginFailures.ip}).
 * The client IP is the socket's, or with {@code api.forwardedFor} the address the proxy in front added
 * last to X-Forwarded-For (earlier entries are the client's own say and can be forged).
 */
public final class ClientLimits {
    private static final Logger log = LoggerFactory.getLogger(ClientLimits.class);

    private final boolean forwardedFor;
    private final Map<String, KeyedLimiter<String>> byRoute = new HashMap<>();
    private final KeyedLimiter<String> pushes;
    private final KeyedLimiter<String> loginFailures;
    private final AtomicLong limited = new AtomicLong();

    public ClientLimits(GochatConfig config) {
        this.forwardedFor = config.bool(ApiConfigKeys.API_FORWARDED_FOR);
        KeyedLimiter<String> register = limiter(config, LimitConfigKeys.REGISTER);
        KeyedLimiter<String> login = limiter(config, LimitConfigKeys.LOGIN);
        KeyedLimiter<String> checkAuth = limiter(config, LimitConfigKeys.CHECK_AUTH);
        byRoute.put("/user/register", register);
        byRoute.put("/user/login", login);
        byRoute.put("/user/token", login);
        byRoute.put("/user/password", login);
        byRoute.put("/user/delete", login);
        byRoute.put("/user/checkAuth", checkAuth);
        byRoute.put("/user/logout", checkAuth);
        byRoute.put("/user/refresh", limiter(config, LimitConfigKeys.REFRESH));
        this.pushes = limiter(config, LimitConfigKeys.PUSH_IP);
        this.loginFailures = new KeyedLimiter<>(config.rates(LimitConfigKeys.LOGIN_FAILURES_IP));
    }

    private static KeyedLimiter<String> limiter(GochatConfig config, ConfigKey key) {
        List<Rate> rates = config.rates(key);
        return new KeyedLimiter<>(rates);
    }

    /** The client's address as this server trusts it. */
    public String ip(Context ctx) {
        if (forwardedFor) {
            String xff = ctx.header("X-Forwarded-For");
            if (xff != null && !xff.isBlank()) {
                String[] hops = xff.split(",");
                return hops[hops.length - 1].trim();
            }
        }
        return ctx.req().getRemoteAddr();
    }

    /** Before every request: refuses it when the client's bucket for that route is empty. */
    public void apply(Context ctx) {
        String path = ctx.path();
        KeyedLimiter<String> limiter = path.startsWith("/push/") || path.startsWith("/history/")
                || path.startsWith("/contacts/") || path.startsWith("/user/profile") || path.equals("/user/search")
                || path.startsWith("/group/") || messagesRoute(path) ? pushes
                : byRoute.get(path);
        if (limiter == null || limiter.off()) {
            return;
        }
        long wait = limiter.tryAcquire(ip(ctx));
        if (wait > 0) {
            refuse(ctx, wait, path);
        }
    }

    /** Typed messages, uploads, downloads and the conversation list share the per-IP limit of pushes. */
    private static boolean messagesRoute(String path) {
        return path.startsWith("/message/") || path.startsWith("/conversation/") || path.equals("/upload")
                || path.startsWith("/file/");
    }

    private void refuse(Context ctx, long wait, String what) {
        long n = limited.incrementAndGet();
        if (Long.bitCount(n) == 1 || n % 1000 == 0) {
            log.info("rate limited {} from {} ({} limited so far)", what, ip(ctx), n);
        }
        ctx.header("Retry-After", Long.toString(KeyedLimiter.retrySeconds(wait)));
        Responses.write(ctx, ApiResponse.fail(KeyedLimiter.tooMany(wait)));
        ctx.skipRemainingHandlers();
    }

    /** 0 if this IP may try a password now, else nanoseconds until it may. */
    public long loginLockedFor(String ip) {
        return loginFailures.peek(ip);
    }

    /** Counts a wrong password (or unknown user) from this IP. */
    public void loginFailed(String ip) {
        loginFailures.charge(ip);
    }
}
