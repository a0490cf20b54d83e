package io.gochat.protocol.service;

import java.io.Serializable;

/**
 * A client sent a message through its socket. The sender comes from the connection's session,
 * never from the frame.
 *
 * @param op {@code Ops.SINGLE} (to {@code toUserId}) or {@code Ops.ROOM} (to {@code roomId})
 */
public record PushRequest(long fromUserId, String fromUserName, int op, long toUserId, long roomId, String msg)
        implements Serializable {
}
