package io.gochat.protocol.service;

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

    /** Checks the password and opens a session as an access + refresh token pair. */
    CompletableFuture<TokenReply> loginForTokens(String userName, String password);

    /** Trades a refresh token (once) for a new pair; 40000 when it is unknown, used or expired. */
    CompletableFuture<TokenReply> refresh(String refreshToken);

    /**
     * Changes the password of the token's user: every session of the user is revoked and every socket
     * closed. Code 40000 for a bad token, 1 for a wrong current password or a refused new one.
     */
    CompletableFuture<AuthReply> changePassword(String token, String password, String newPassword);

    /** Deletes the token's user (the password confirms it): sessions revoked, sockets closed. */
    CompletableFuture<AuthReply> deleteAccount(String token, String password);

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
     * A client sent a message, over HTTP or its socket: private (op 2), room (op 3), or asks for the
     * room's count (op 4) or member list (op 5) to be sent to the room. The sender in the request is
     * the caller's session, never something the client claimed. Code 1 when refused (unknown or
     * offline recipient, empty message, ...).
     */
    CompletableFuture<PushReply> push(PushRequest request);

    /**
     * {@link #push} for a caller that holds only a token (the HTTP API): logic checks the session and fills
     * in the sender, so a push costs one call instead of two. Code 40000 when the token is not a live
     * session; the sender fields of {@code request} are ignored.
     */
    CompletableFuture<PushReply> pushAs(String authToken, PushRequest request);

    /** The latest messages of room {@code targetId}; only a member (online in the room) may read them. */
    CompletableFuture<HistoryReply> roomHistory(HistoryQuery query);

    /** The latest messages between {@code userId} and {@code targetId}. */
    CompletableFuture<HistoryReply> privateHistory(HistoryQuery query);

    /** Private messages to {@code userId} with an id above {@code sinceId}, oldest first, at most {@code limit}. */
    CompletableFuture<HistoryReply> privateSince(long userId, long sinceId, int limit);

    /** Private messages to {@code userId} not yet acknowledged (the latest ones, bounded), oldest first. */
    CompletableFuture<HistoryReply> unacked(long userId);

    /** Records an acknowledgement; answers how many pending messages it cleared. */
    CompletableFuture<Long> ack(AckRequest request);
}
