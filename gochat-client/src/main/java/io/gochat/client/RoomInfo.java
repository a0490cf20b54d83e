package io.gochat.client;

import java.util.Map;

/**
 * Op 5: who is online in a room (sent to the room when someone joins or leaves, or on request).
 *
 * @param roomId  the room
 * @param count   users online
 * @param members user id → user name, in the server's order
 */
public record RoomInfo(long roomId, int count, Map<Long, String> members) {
    /** Copies the member map. */
    public RoomInfo {
        members = Map.copyOf(members);
    }
}
