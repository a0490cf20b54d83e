package io.gochat.protocol.service;

import java.io.Serializable;

/**
 * A connection authenticated on a connect server and joins a room.
 *
 * @param connectionId unique on that server, so one of a user's several connections can leave alone
 */
public record ConnectRequest(String authToken, long roomId, String serverId, String connectionId)
        implements Serializable {
}
