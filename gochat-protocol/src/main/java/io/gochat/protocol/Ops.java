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
     * Server → client, only to a client that asked for it ({@code "joined":true} in its auth frame, which
     * gochat's clients never send): the token was accepted and the connection joined its room,
     * {@code {"op":8,"roomId":R,"userId":U,"userName":"…"}}. Frames sent after the auth frame are processed
     * after it.
     */
    public static final int JOINED = 8;

    private Ops() {
    }
}
