package io.gochat.client;

import java.net.URI;
import java.util.Objects;

/**
 * Where a client connects: a WebSocket URL ({@code ws://host:7000/ws}, {@code wss://...}) or a gochat TCP
 * address ({@code tcp://host:7001}).
 *
 * @param uri the parsed address
 */
public record Endpoint(URI uri) {
    /** Checks the scheme, host and port. */
    public Endpoint {
        Objects.requireNonNull(uri, "uri");
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equals("ws") || scheme.equals("wss") || scheme.equals("tcp"))) {
            throw new IllegalArgumentException("endpoint must be ws://, wss:// or tcp://, got " + uri);
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("endpoint has no host: " + uri);
        }
        if (scheme.equals("tcp") && uri.getPort() < 0) {
            throw new IllegalArgumentException("tcp endpoint needs a port: " + uri);
        }
    }

    /**
     * Parses {@code ws://host:port/ws}, {@code wss://...} or {@code tcp://host:port}.
     *
     * @param text the address
     * @return the endpoint
     */
    public static Endpoint of(String text) {
        return new Endpoint(URI.create(text.trim()));
    }

    /**
     * A WebSocket endpoint.
     *
     * @param host host name or address
     * @param port connect.ws.port of the server
     * @return {@code ws://host:port/ws}
     */
    public static Endpoint ws(String host, int port) {
        return of("ws://" + host + ":" + port + "/ws");
    }

    /**
     * A gochat TCP endpoint.
     *
     * @param host host name or address
     * @param port connect.tcp.port of the server
     * @return {@code tcp://host:port}
     */
    public static Endpoint tcp(String host, int port) {
        return of("tcp://" + host + ":" + port);
    }

    /** @return true for the TCP transport (v1 frames), false for WebSocket */
    public boolean isTcp() {
        return uri.getScheme().equals("tcp");
    }

    /** @return true for wss:// */
    public boolean isSecure() {
        return uri.getScheme().equals("wss");
    }

    /** @return the port, with the scheme's default for ws/wss without one */
    public int port() {
        if (uri.getPort() > 0) {
            return uri.getPort();
        }
        return isSecure() ? 443 : 80;
    }

    @Override
    public String toString() {
        return uri.toString();
    }
}
