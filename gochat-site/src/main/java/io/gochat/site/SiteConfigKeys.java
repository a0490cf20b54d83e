package io.gochat.site;

import static io.gochat.core.config.ConfigKey.Type.STRING;

import io.gochat.core.config.ConfigKey;
import io.gochat.core.config.ConfigKeySet;
import java.util.List;

/** Config keys of the demo chat site. Names are a contract: scripts start modules with them. */
public final class SiteConfigKeys implements ConfigKeySet {
    public static final ConfigKey SITE_API_URL = new ConfigKey("site.apiUrl", STRING, "",
            "API base URL the page uses; empty = http://<page host>:<api.port>");
    public static final ConfigKey SITE_WS_URL = new ConfigKey("site.wsUrl", STRING, "",
            "WebSocket URL the page uses; empty = ws://<page host>:<connect.ws.port>/ws");

    @Override
    public int order() {
        return 80;
    }

    @Override
    public List<ConfigKey> keys() {
        return List.of(SITE_API_URL, SITE_WS_URL);
    }
}
