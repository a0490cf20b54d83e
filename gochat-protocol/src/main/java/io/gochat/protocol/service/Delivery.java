package io.gochat.protocol.service;

import java.io.Serializable;

/**
 * One body for a connect server to write: to every channel of a user, of a room, or of every member of a
 * group that is connected to that server (connect servers index their users by group).
 *
 * @param groupId    the group a user delivery changes the membership of, or the group a group delivery goes to
 * @param membership for a user delivery: {@link #JOINED} adds the user to {@code groupId} in the server's index
 *                   before the body is written, {@link #LEFT} removes it after; for a group delivery
 *                   {@link #LEFT} drops the whole group from the index after the body is written (dissolved)
 */
public record Delivery(boolean toRoom, long targetId, String body, long groupId, int membership)
        implements Serializable {
    public static final int JOINED = 1;
    public static final int LEFT = -1;

    public Delivery(boolean toRoom, long targetId, String body) {
        this(toRoom, targetId, body, 0, 0);
    }

    public static Delivery toUser(long userId, String body) {
        return new Delivery(false, userId, body);
    }

    public static Delivery toRoom(long roomId, String body) {
        return new Delivery(true, roomId, body);
    }

    /** To every member of the group connected to the server; {@code membership} {@link #LEFT} = the group is gone. */
    public static Delivery toGroup(long groupId, String body, int membership) {
        return new Delivery(false, 0, body, groupId, membership);
    }

    /** To a user whose membership of {@code groupId} changed ({@link #JOINED} or {@link #LEFT}). */
    public static Delivery membership(long userId, long groupId, int change, String body) {
        return new Delivery(false, userId, body, groupId, change);
    }

    public boolean toGroup() {
        return !toRoom && targetId == 0 && groupId > 0;
    }
}
