package io.gochat.logic;

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
    public static final ConfigKey STORE_QUEUE = new ConfigKey("store.queue", INT, "20000",
            "messages waiting for the message store's writer; when full, new messages are refused");

    @Override
    public int order() {
        return 40;
    }

    @Override
    public List<ConfigKey> keys() {
        return List.of(DB_URL, SESSION_TTL, STORE_QUEUE);
    }
}
