package io.gochat.protocol.service;

import java.io.Serializable;

/** One authenticated connection of a connect server (in a {@link PresenceSnapshot}): who, in which room. */
public record LiveConnection(String connectionId, long userId, String userName, long roomId) implements Serializable {
}
