package io.gochat.protocol.service;

import java.io.Serializable;

/** One authenticated connection closed: exactly that one leaves its room and the user's route. */
public record DisconnectRequest(long userId, long roomId, String serverId, String connectionId)
        implements Serializable {
}
