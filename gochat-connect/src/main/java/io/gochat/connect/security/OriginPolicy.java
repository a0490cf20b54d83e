package io.gochat.connect.security;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which web pages may open a WebSocket ({@code connect.ws.origins}), against cross-site WebSocket
 * hijacking: a page elsewhere must not use a visitor's browser to talk to us. Empty = pages from the
 * host the WebSocket was reached at (the demo site serves the page from that host, another port); a
 * list = exactly those origins; {@code *} = any. A request without Origin is not from a browser page
 * (gochat's Go client, native apps) and is let through: those clients hold their own token.
 */
public final class OriginPolicy {
    private final boolean any;
    private final Set<String> listed;

    public OriginPolicy(List<String> origins) {
        this.any = origins.contains("*");
        this.listed = Set.copyOf(origins.stream().map(OriginPolicy::normalise).toList());
    }

    public static OriginPolicy any() {
        return new OriginPolicy(List.of("*"));
    }

    /** @param hostHeader the Host the client used to reach the WebSocket */
    public boolean allows(String origin, String hostHeader) {
        if (origin == null || origin.isEmpty() || any) {
            return true;
        }
        if (!listed.isEmpty()) {
            return listed.contains(normalise(origin));
        }
        try {
            URI uri = URI.create(origin.trim());
            String host = uri.getHost();
            return host != null && host.equalsIgnoreCase(hostOf(hostHeader))
                    && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static String hostOf(String hostHeader) {
        if (hostHeader == null) {
            return "";
        }
        String h = hostHeader.trim();
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? h : h.substring(1, end);
        }
        int colon = h.indexOf(':');
        return colon < 0 ? h : h.substring(0, colon);
    }

    private static String normalise(String origin) {
        String o = origin.trim().toLowerCase(Locale.ROOT);
        return o.endsWith("/") ? o.substring(0, o.length() - 1) : o;
    }
}
