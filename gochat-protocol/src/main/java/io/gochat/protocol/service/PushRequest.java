package io.gochat.protocol.service;

import java.io.Serializable;

/**
 * A client sent a message through its socket. The sender comes from the connection's session,
 * never from the frame.
 *
 * @param op          {@code Ops.SINGLE} (to {@code toUserId}) or {@code Ops.ROOM} (to {@code roomId})
 * @param clientMsgId the sender's own id of this message (at most 64 characters), or null: a send retried with
 *                    the same one is stored once
 */
public record PushRequest(long fromUserId, String fromUserName, int op, long toUserId, long roomId, String msg,
                          String clientMsgId) implements Serializable {

    /** Without a client message id. */
    public PushRequest(long fromUserId, String fromUserName, int op, long toUserId, long roomId, String msg) {
        this(fromUserId, fromUserName, op, toUserId, roomId, msg, null);
    }
}
