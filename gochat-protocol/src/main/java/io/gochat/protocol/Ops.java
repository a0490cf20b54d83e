package io.gochat.protocol;

/** Operation codes, as gochat numbers them. New ops get new numbers; these never change meaning. */
public final class Ops {
    /** A private message to one user. */
    public static final int SINGLE = 2;
    /** A message to a room. */
    public static final int ROOM = 3;
    /** The number of users online in a room. */
    public static final int ROOM_COUNT = 4;
    /** The members of a room. */
    public static final int ROOM_INFO = 5;
    /** TCP client: authenticate and join a room. */
    public static final int BUILD_TCP_CONN = 6;
    /**
     * Client → server: a private message was received ({@code {"op":7,"msgId":N}}), or everything up to
     * an id was ({@code {"op":7,"upToId":N}}); acknowledged messages are not sent again on reconnect.
     */
    public static final int ACK = 7;
    /**
     * A message to a group (30-39 are the groups' ops): client → server {@code {"op":30,"groupId":"12","msg":"…"}};
     * server → every member online, on any connection, whatever room it joined.
     */
    public static final int GROUP = 30;
    /**
     * Server → client: something happened in a group ({@code "event"}: member_joined, member_left,
     * member_kicked, role_changed, owner_changed, group_edited, member_muted, group_muted, dissolved,
     * join_request, request_declined, added).
     */
    public static final int GROUP_EVENT = 31;

    private Ops() {
    }
}
