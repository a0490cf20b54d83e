package io.gochat.logic;

import static io.gochat.core.config.ConfigKey.Type.BOOLEAN;
import static io.gochat.core.config.ConfigKey.Type.DURATION;
import static io.gochat.core.config.ConfigKey.Type.INT;
import static io.gochat.core.config.ConfigKey.Type.STRING;

import io.gochat.core.config.ConfigKey;
import io.gochat.core.config.ConfigKeySet;
import java.util.List;

/** Config keys of the logic module: users, sessions, the message store. Names are a contract: scripts start modules with them. */
public final class LogicConfigKeys implements ConfigKeySet {
    public static final ConfigKey DB_URL = new ConfigKey("db.url", STRING,
            "jdbc:sqlite:data/gochat.db", "user and message database: jdbc:sqlite:FILE (or a file path), "
            + "jdbc:postgresql://…, jdbc:mariadb://… or jdbc:mysql://… (a password in it is never logged)");
    public static final ConfigKey SESSION_TTL = new ConfigKey("session.ttl", DURATION, "24h",
            "how long a login token stays valid");
    public static final ConfigKey SESSION_SINGLE = new ConfigKey("session.single", BOOLEAN, "true",
            "gochat's login and register hand out one token valid for session.ttl (gochat's clients need it); false = a session.access.ttl token");
    public static final ConfigKey SESSION_ACCESS_TTL = new ConfigKey("session.access.ttl", DURATION, "15m",
            "how long an access token of a token pair (/user/token, /user/refresh) stays valid");
    public static final ConfigKey SESSION_REFRESH_TTL = new ConfigKey("session.refresh.ttl", DURATION, "30d",
            "how long a refresh token stays valid (each is usable once)");
    public static final ConfigKey PASSWORD_MIN_LENGTH = new ConfigKey("password.minLength", INT, "8",
            "shortest password accepted at registration and password change");
    public static final ConfigKey PASSWORD_REFUSE_COMMON = new ConfigKey("password.refuseCommon", BOOLEAN, "true",
            "refuse new passwords found on the bundled list of common passwords");
    public static final ConfigKey REGISTRATION_ENABLED = new ConfigKey("registration.enabled", BOOLEAN, "true",
            "whether /user/register creates accounts; false = refused with code 1 (accounts that exist keep working)");
    public static final ConfigKey HASH_THREADS = new ConfigKey("hash.threads", INT, "0",
            "threads hashing passwords (register, login), apart from message traffic; 0 = half the cores, at least 1");
    public static final ConfigKey HASH_QUEUE = new ConfigKey("hash.queue", INT, "16",
            "logins and registrations waiting for a hashing thread; beyond it they are refused (too many requests)");
    public static final ConfigKey STORE_QUEUE = new ConfigKey("store.queue", INT, "20000",
            "messages waiting for the message store's writer; when full, new messages are refused");

    @Override
    public int order() {
        return 40;
    }

    @Override
    public List<ConfigKey> keys() {
        return List.of(DB_URL, SESSION_TTL, SESSION_SINGLE, SESSION_ACCESS_TTL, SESSION_REFRESH_TTL, PASSWORD_MIN_LENGTH,
                PASSWORD_REFUSE_COMMON, REGISTRATION_ENABLED, HASH_THREADS, HASH_QUEUE, STORE_QUEUE);
    }
}
