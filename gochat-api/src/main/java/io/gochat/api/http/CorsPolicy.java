package io.gochat.api.http;

import io.javalin.http.Context;
import java.net.URI;
import java.util.List;
import java.util.Set;

/**
 * Which browser origins may call the API ({@code api.cors.origins}): empty = the demo site's own origin,
 * that is {@code site.port} on the host the API was reached at (the page derives the API address from
 * its own host, so they always match); {@code *} = anyone; otherwise the exact origins listed. gochat
 * sent {@code *} to everybody; an earlier default here let any host's port 8080 in.
 */
public final class CorsPolicy {
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

    /** @param hostHeader the Host the API request was sent to */
    public boolean allows(String origin, String hostHeader) {
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
            return web && uri.getPort() == sitePort && !host.isEmpty() && host.equals(hostOf(hostHeader));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Adds the Access-Control headers for an allowed origin (before every request). */
    public void apply(Context ctx) {
        String origin = ctx.header("Origin");
        if (!allows(origin, ctx.header("Host"))) {
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

    static String hostOf(String hostHeader) {
        if (hostHeader == null) {
            return "";
        }
        String h = hostHeader.trim().toLowerCase();
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? h : h.substring(0, end + 1);
        }
        int colon = h.indexOf(':');
        return colon < 0 ? h : h.substring(0, colon);
    }

    private static String normalise(String origin) {
        String o = origin.trim().toLowerCase();
        return o.endsWith("/") ? o.substring(0, o.length() - 1) : o;
    }
}
