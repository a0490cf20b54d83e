package io.gochat.protocol.service;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Exported by every connect server (WebSocket and TCP). Bodies are the JSON text clients receive;
 * the server encodes each body once per transport and writes it to every channel concerned.
 */
public interface ConnectService {

    /**
     * Writes each delivery in order (one call per batch keeps a user's messages in order and costs one
     * round trip for many messages); answers the number of channel writes.
     */
    CompletableFuture<Integer> deliver(List<Delivery> deliveries);

    /**
     * The session with this token fingerprint ({@link SessionTokens#hash}) was logged out: closes the
     * user's connections on this server that authenticated with it; answers how many.
     */
    CompletableFuture<Integer> closeSession(long userId, int tokenHash);

    /**
     * Every session of the user ended (password changed, account deleted): closes all the user's
     * connections on this server, including those still authenticating, after a 40000 notice with
     * {@code reason}; answers how many.
     */
    CompletableFuture<Integer> closeUser(long userId, String reason);
}
