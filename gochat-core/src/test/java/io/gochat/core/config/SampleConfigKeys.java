package io.gochat.core.config;

import static io.gochat.core.config.ConfigKey.Type.DURATION;
import static io.gochat.core.config.ConfigKey.Type.LIST;
import static io.gochat.core.config.ConfigKey.Type.PORT;
import static io.gochat.core.config.ConfigKey.Type.STRING;

import java.util.List;

/** Keys of a pretend module, so the loader is tested without the real modules on the class path. */
public final class SampleConfigKeys implements ConfigKeySet {
    static final ConfigKey ENDPOINTS = new ConfigKey("sample.endpoints", LIST, "http://127.0.0.1:2379", "a list");
    static final ConfigKey RPC_PORT = new ConfigKey("sample.rpc.port", PORT, "0", "a port");
    static final ConfigKey TTL = new ConfigKey("sample.ttl", DURATION, "24h", "a duration");
    static final ConfigKey URL = new ConfigKey("sample.url", STRING, "redis://127.0.0.1:6379/0", "a string");
    static final ConfigKey API_URL = new ConfigKey("sample.apiUrl", STRING, "", "a camel-case key");

    @Override
    public int order() {
        return 1000;
    }

    @Override
    public List<ConfigKey> keys() {
        return List.of(ENDPOINTS, RPC_PORT, TTL, URL, API_URL);
    }
}
