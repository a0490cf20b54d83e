package io.gochat.protocol.service;

import java.io.Serializable;

/** One body for a connect server to write: to every channel of a user, or of a room. */
public record Delivery(boolean toRoom, long targetId, String body) implements Serializable {
    public static Delivery toUser(long userId, String body) {
        return new Delivery(false, userId, body);
    }

    public static Delivery toRoom(long roomId, String body) {
        return new Delivery(true, roomId, body);
    }
}
