package io.gochat.logic.presence;

import io.gochat.redis.KeyLayout;

/**
 * Redis keys of presence. The room hash and count keep gochat's names (task and tools read them);
 * the others are ours and make every connection individually removable. On a Redis Cluster they all
 * carry the presence hash tag ({@link KeyLayout}), as the presence scripts use them together.
 */
public final class PresenceKeys {
    private PresenceKeys() {
    }

    /** Hash userId → userName: members with at least one live connection in the room. */
    public static String room(long roomId) {
        return KeyLayout.in(KeyLayout.PRESENCE, "gochat_room_" + roomId);
    }

    /** String: number of members, always equal to HLEN of {@link #room}. */
    public static String roomCount(long roomId) {
        return KeyLayout.in(KeyLayout.PRESENCE, "gochat_room_online_count_" + roomId);
    }

    /** Hash userId → live connections of that user in the room. */
    public static String roomConns(long roomId) {
        return KeyLayout.in(KeyLayout.PRESENCE, "gochat_room_conns_" + roomId);
    }

    /** Set of {@code connectionId|userId|roomId}: every live connection on a connect server. */
    public static String serverConns(String serverId) {
        return KeyLayout.in(KeyLayout.PRESENCE, "gochat_server_conns_" + serverId);
    }

    public static String serverConnsPattern() {
        return KeyLayout.in(KeyLayout.PRESENCE, "gochat_server_conns_*");
    }

    public static String member(String connectionId, long userId, long roomId) {
        return connectionId + "|" + userId + "|" + roomId;
    }

    /** A recorded {@code connectionId|userId|roomId} entry, read back; null when it cannot be read. */
    public record Entry(String connectionId, long userId, long roomId) {
    }

    /** Reads a {@link #member} entry back (a connectionId may itself contain '|': the last two fields are the ids). */
    public static Entry parse(String member) {
        int roomSep = member.lastIndexOf('|');
        int userSep = roomSep <= 0 ? -1 : member.lastIndexOf('|', roomSep - 1);
        if (userSep < 0) {
            return null;
        }
        try {
            return new Entry(member.substring(0, userSep), Long.parseLong(member.substring(userSep + 1, roomSep)),
                    Long.parseLong(member.substring(roomSep + 1)));
        } catch (RuntimeException e) {
            return null;
        }
    }
}
