package io.gochat.core.ratelimit;

import static io.gochat.core.config.ConfigKey.Type.RATE;

import io.gochat.core.config.ConfigKey;
import io.gochat.core.config.ConfigKeySet;
import java.util.List;

/**
 * Rate limits and login lockouts, read by api, logic and connect. A value is {@code count/period}
 * ({@code 10/1m}), several that must all hold ({@code 5/1m,30/1h}), or {@code off}. Per process.
 */
public final class LimitConfigKeys implements ConfigKeySet {
    public static final ConfigKey REGISTER = new ConfigKey("limit.register", RATE, "20/1h",
            "registrations per client IP (api)");
    public static final ConfigKey LOGIN = new ConfigKey("limit.login", RATE, "30/1m",
            "logins per client IP (api)");
    public static final ConfigKey CHECK_AUTH = new ConfigKey("limit.checkAuth", RATE, "300/1m",
            "checkAuth calls per client IP (api)");
    public static final ConfigKey REFRESH = new ConfigKey("limit.refresh", RATE, "60/1m",
            "token refreshes per client IP (api)");
    public static final ConfigKey PUSH_IP = new ConfigKey("limit.push.ip", RATE, "1200/1m",
            "calls of the /push, /history, /message, /conversation, /upload and /file routes per client IP (api)");
    public static final ConfigKey PUSH_USER = new ConfigKey("limit.push.user", RATE, "20/1s,600/1m",
            "messages (HTTP and socket) per user (logic)");
    public static final ConfigKey SOCKET_IP = new ConfigKey("limit.socket.ip", RATE, "50/1s",
            "frames from sockets per client IP (connect)");
    public static final ConfigKey LOGIN_FAILURES_ACCOUNT = new ConfigKey("limit.loginFailures.account", RATE,
            "5/1m,20/1h", "wrong passwords per account before login is locked (the lock lifts gradually: backoff)");
    public static final ConfigKey LOGIN_FAILURES_IP = new ConfigKey("limit.loginFailures.ip", RATE,
            "20/1m,100/1h", "wrong passwords per client IP before its logins are locked (api)");

    @Override
    public int order() {
        return 15;
    }

    @Override
    public List<ConfigKey> keys() {
        return List.of(REGISTER, LOGIN, CHECK_AUTH, REFRESH, PUSH_IP, PUSH_USER, SOCKET_IP, LOGIN_FAILURES_ACCOUNT,
                LOGIN_FAILURES_IP);
    }
}
