package io.gochat.api.http;

import io.javalin.http.Context;
import java.net.URI;
import java.util.List;
import java.util.Set;

/**
 * Which browser origins may call the API ({@code api.cors.origins}): empty = the demo site's origin
 * (any host on {@code site.port}) and local development pages on localhost/127.0.0.1; {@code *} =
 * anyone; otherwise the exact origins listed. gochat sent {@code *} to everybody.
 */
public final class CorsPolicy {
    private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]");
    static final String ALLOW_METHODS = "POST, GET, OPTIONS";
    static final String ALLOW_HEADERS = "Origin, X-Requested-With, Content-Type, Accept";

    private final boolean anyOrigin;
    private final Set<String> listed;
    private final int sitePort;

    public CorsPolicy(List<String> origins, int sitePort) {
        this.anyOrigin = origins.contains("*");
        this.listed = Set.copyOf(origins.stream().map(CorsPolicy::normalise).toList());
        this.sitePort = sitePort;
    }

    public boolean allows(String origin) {
        if (origin == null || origin.isEmpty()) {
            return false;
        }
        if (anyOrigin) {
            return true;
        }
        if (!listed.isEmpty()) {
            return listed.contains(normalise(origin));
        }
        try {
            URI uri = URI.create(origin);
            boolean web = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
            String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase();
            return web && (LOCAL_HOSTS.contains(host) || uri.getPort() == sitePort);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Adds the Access-Control headers for an allowed origin (before every request). */
    public void apply(Context ctx) {
        String origin = ctx.header("Origin");
        if (!allows(origin)) {
            return;
        }
        ctx.header("Access-Control-Allow-Origin", anyOrigin ? "*" : origin);
        if (!anyOrigin) {
            ctx.header("Vary", "Origin");
        }
        ctx.header("Access-Control-Allow-Methods", ALLOW_METHODS);
        ctx.header("Access-Control-Allow-Headers", ALLOW_HEADERS);
        ctx.header("Access-Control-Max-Age", "600");
    }

    private static String normalise(String origin) {
        String o = origin.trim().toLowerCase();
        return o.endsWith("/") ? o.substring(0, o.length() - 1) : o;
    }
}
