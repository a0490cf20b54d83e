package io.gochat.common.service;

import java.util.concurrent.CompletableFuture;

/**
 * Exported by every logic server. Every method is asynchronous so that callers on a Netty event loop
 * never block; business failures are answers (code 1, null session), never exceptions.
 */
public interface LogicService {

    /** Creates the user and a session; code 1 if the name is taken or invalid. */
    CompletableFuture<AuthReply> register(String userName, String password);

    /** Checks the password and opens a new session (a new token). */
    CompletableFuture<AuthReply> login(String userName, String password);

    /** The session of {@code token}, or null if it is unknown, revoked or expired. */
    CompletableFuture<SessionInfo> checkAuth(String token);

    /** Revokes {@code token}; false if it was not a valid session. */
    CompletableFuture<Boolean> logout(String token);

    /** The user's name, or null if there is no such user. */
    CompletableFuture<String> userName(long userId);

    /**
     * A connection authenticates: records the user's route to {@code serverId} and room presence.
     * Returns the session, or null if the token is not valid (the connection must then be closed).
     */
    CompletableFuture<SessionInfo> connect(ConnectRequest request);

    /** A connection closed: removes exactly that connection from route and presence. */
    CompletableFuture<Void> disconnect(DisconnectRequest request);

    /**
     * A client sent a private (op 2) or room (op 3) message over its socket; the sender in the request
     * is the connection's session. Code 1 when refused (unknown recipient, empty message, ...).
     */
    default CompletableFuture<PushReply> push(PushRequest request) {
        // until logic implements it: a refusal the client sees, not a missing-method failure at merge time
        return CompletableFuture.completedFuture(PushReply.refused("sending over the socket is not supported yet"));
    }
}
