package io.gochat.api;

import static io.gochat.core.config.ConfigKey.Type.LIST;

import io.gochat.core.config.ConfigKey;
import io.gochat.core.config.ConfigKeySet;
import java.util.List;

/** Config keys of the HTTP API. Names are a contract: scripts start modules with them. */
public final class ApiConfigKeys implements ConfigKeySet {
    public static final ConfigKey API_CORS_ORIGINS = new ConfigKey("api.cors.origins", LIST, "",
            "origins allowed to call the API from a browser, comma-separated; empty = the site's origin and localhost; * = any");

    @Override
    public int order() {
        return 70;
    }

    @Override
    public List<ConfigKey> keys() {
        return List.of(API_CORS_ORIGINS);
    }
}
