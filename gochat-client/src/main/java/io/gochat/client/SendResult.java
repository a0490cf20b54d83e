package io.gochat.client;

/**
 * How a message left the client.
 *
 * @param via     over the socket, or over the HTTP API (the fallback when no socket is up)
 * @param message for HTTP, the server's answer ({@code ok}, {@code ok, stored for offline delivery});
 *                for the socket, {@code sent} (the server answers a socket send only when it refuses it,
 *                with an error frame)
 */
public record SendResult(Via via, String message) {
    /** The path a message took. */
    public enum Via {
        /** Written to the WebSocket or TCP connection. */
        SOCKET,
        /** Posted to {@code /push/push} or {@code /push/pushRoom}. */
        HTTP
    }
}
