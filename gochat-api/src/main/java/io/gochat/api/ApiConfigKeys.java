package io.gochat.api;

import static io.gochat.core.config.ConfigKey.Type.BOOLEAN;
import static io.gochat.core.config.ConfigKey.Type.INT;
import static io.gochat.core.config.ConfigKey.Type.LIST;

import io.gochat.core.config.ConfigKey;
import io.gochat.core.config.ConfigKeySet;
import java.util.List;

/** Config keys of the HTTP API. Names are a contract: scripts start modules with them. */
public final class ApiConfigKeys implements ConfigKeySet {
    public static final ConfigKey API_CORS_ORIGINS = new ConfigKey("api.cors.origins", LIST, "",
            "origins allowed to call the API from a browser, comma-separated; empty = the site's own origin (site.port on the host the API was reached at); * = any");
    public static final ConfigKey API_FORWARDED_FOR = new ConfigKey("api.forwardedFor", BOOLEAN, "false",
            "behind a reverse proxy: rate limits use the address the proxy appends to X-Forwarded-For, not the proxy's");
    public static final ConfigKey API_MAX_IN_FLIGHT = new ConfigKey("api.maxInFlight", INT, "2048",
            "requests being answered at once; more are answered code 1 \"server busy, please retry\" at once");
    public static final ConfigKey API_THREADS = new ConfigKey("api.threads", INT, "16",
            "HTTP threads (they parse requests and never wait for logic)");

    @Override
    public int order() {
        return 70;
    }

    @Override
    public List<ConfigKey> keys() {
        return List.of(API_CORS_ORIGINS, API_FORWARDED_FOR, API_MAX_IN_FLIGHT, API_THREADS);
    }
}
