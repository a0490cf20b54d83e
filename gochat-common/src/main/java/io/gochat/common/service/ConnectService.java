package io.gochat.common.service;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Exported by every connect server (WebSocket and TCP). Bodies are the JSON text clients receive;
 * the server encodes each body once per transport and writes it to every channel concerned.
 */
public interface ConnectService {

    /** Writes {@code body} to every channel of {@code userId} on this server; answers how many. */
    CompletableFuture<Integer> pushToUser(long userId, String body);

    /** Writes {@code body} to every channel in room {@code roomId} on this server; answers how many. */
    CompletableFuture<Integer> pushToRoom(long roomId, String body);

    /**
     * Writes each delivery in order (one call per batch keeps a user's messages in order and costs one
     * round trip for many messages); answers the number of channel writes.
     */
    CompletableFuture<Integer> deliver(java.util.List<Delivery> deliveries);

    /**
     * The session with this token fingerprint ({@link SessionTokens#hash}) was logged out: closes the
     * user's connections on this server that authenticated with it; answers how many.
     */
    CompletableFuture<Integer> closeSession(long userId, int tokenHash);

    /** Connections in the room on this server. */
    CompletableFuture<Integer> roomCount(long roomId);

    /** Members of the room on this server: userId → userName. */
    CompletableFuture<Map<Long, String>> roomInfo(long roomId);
}
