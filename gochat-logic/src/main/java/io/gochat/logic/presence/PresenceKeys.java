package io.gochat.logic.presence;

/**
 * Redis keys of presence. The room hash and count keep gochat's names (task and tools read them);
 * the others are ours and make every connection individually removable.
 */
public final class PresenceKeys {
    private PresenceKeys() {
    }

    /** Hash userId → userName: members with at least one live connection in the room. */
    public static String room(long roomId) {
        return "gochat_room_" + roomId;
    }

    /** String: number of members, always equal to HLEN of {@link #room}. */
    public static String roomCount(long roomId) {
        return "gochat_room_online_count_" + roomId;
    }

    /** Hash userId → live connections of that user in the room. */
    public static String roomConns(long roomId) {
        return "gochat_room_conns_" + roomId;
    }

    /** Set of {@code connectionId|userId|roomId}: every live connection on a connect server. */
    public static String serverConns(String serverId) {
        return "gochat_server_conns_" + serverId;
    }

    public static String serverConnsPattern() {
        return "gochat_server_conns_*";
    }

    public static String member(String connectionId, long userId, long roomId) {
        return connectionId + "|" + userId + "|" + roomId;
    }
}
