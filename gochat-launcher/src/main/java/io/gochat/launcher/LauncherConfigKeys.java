package io.gochat.launcher;

import static io.gochat.core.config.ConfigKey.Type.STRING;

import io.gochat.core.config.ConfigKey;
import io.gochat.core.config.ConfigKeySet;
import java.util.List;

/** Config keys of the im.jar process itself (not of one module). */
public final class LauncherConfigKeys implements ConfigKeySet {
    public static final ConfigKey LOG_FORMAT = new ConfigKey("log.format", STRING, "text",
            "log lines: text (time [LEVEL] Class - message) or json (one JSON object per line, with module, serverId, userId, msgId)");

    @Override
    public int order() {
        return 90;
    }

    @Override
    public List<ConfigKey> keys() {
        return List.of(LOG_FORMAT);
    }
}
