package io.gochat.site;

import io.gochat.core.config.CoreConfigKeys;
import io.gochat.core.config.ConfigKeys;
import io.gochat.core.config.GochatConfig;

/**
 * Decides which api and WebSocket addresses the page uses: the configured {@code site.apiUrl} /
 * {@code site.wsUrl} win; an empty one is derived from the host the page was loaded from, so the
 * same build works on localhost, on a LAN address and behind docker port mappings.
 */
final class EndpointResolver {
    private final String apiUrl;
    private final String wsUrl;
    private final int apiPort;
    private final int wsPort;

    EndpointResolver(GochatConfig config) {
        this.apiUrl = config.string(SiteConfigKeys.SITE_API_URL);
        this.wsUrl = config.string(SiteConfigKeys.SITE_WS_URL);
        this.apiPort = config.integer(CoreConfigKeys.API_PORT);
        this.wsPort = config.integer(CoreConfigKeys.CONNECT_WS_PORT);
    }

    /** @param hostHeader the request's Host header; @param secure whether the page came over https */
    ClientEndpoints resolve(String hostHeader, boolean secure) {
        String host = HostHeader.hostName(hostHeader);
        String api = apiUrl.isEmpty() ? (secure ? "https://" : "http://") + host + ":" + apiPort : apiUrl;
        String ws = wsUrl.isEmpty() ? (secure ? "wss://" : "ws://") + host + ":" + wsPort + "/ws" : wsUrl;
        return new ClientEndpoints(api, ws);
    }
}
