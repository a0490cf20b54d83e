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
     * A client sent a message, over HTTP or its socket: private (op 2), room (op 3), or asks for the
     * room's count (op 4) or member list (op 5) to be sent to the room. The sender in the request is
     * the caller's session, never something the client claimed. Code 1 when refused (unknown or
     * offline recipient, empty message, ...).
     */
    CompletableFuture<PushReply> push(PushRequest request);

    /**
     * {@link #push} for a caller that holds only a token (the HTTP API): the session is checked and the
     * sender filled in on the logic side, so a push costs one RPC instead of two. Code 40000 when the
     * token is not a live session; the sender fields of {@code request} are ignored.
     */
    default CompletableFuture<PushReply> pushAs(String authToken, PushRequest request) {
        return checkAuth(authToken).thenCompose(session -> session == null
                ? CompletableFuture.completedFuture(PushReply.badSession())
                : push(new PushRequest(session.userId(), session.userName(), request.op(), request.toUserId(),
                        request.roomId(), request.msg())));
    }

    // History, offline delivery and acknowledgements. Defaults refuse, so LogicService implementations
    // written before them (test doubles) still compile.

    /** The latest messages of room {@code targetId}; only a member (online in the room) may read them. */
    default CompletableFuture<HistoryReply> roomHistory(HistoryQuery query) {
        return CompletableFuture.completedFuture(HistoryReply.refused("history is not available"));
    }

    /** The latest messages between {@code userId} and {@code targetId}. */
    default CompletableFuture<HistoryReply> privateHistory(HistoryQuery query) {
        return CompletableFuture.completedFuture(HistoryReply.refused("history is not available"));
    }

    /** Private messages to {@code userId} with an id above {@code sinceId}, oldest first, at most {@code limit}. */
    default CompletableFuture<HistoryReply> privateSince(long userId, long sinceId, int limit) {
        return CompletableFuture.completedFuture(HistoryReply.refused("history is not available"));
    }

    /** Private messages to {@code userId} not yet acknowledged (the latest ones, bounded), oldest first. */
    default CompletableFuture<HistoryReply> unacked(long userId) {
        return CompletableFuture.completedFuture(HistoryReply.of(java.util.List.of()));
    }

    /** Records an acknowledgement; answers how many pending messages it cleared. */
    default CompletableFuture<Long> ack(AckRequest request) {
        return CompletableFuture.completedFuture(0L);
    }
}
