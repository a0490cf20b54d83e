package io.gochat.client;

/**
 * Typed callbacks for everything the server sends. Every method has an empty default: implement what
 * you need. Callbacks run one at a time on the client's own event thread (never on a Netty I/O thread),
 * in arrival order; a private message is acknowledged (op 7) once {@link #onPrivateMessage} returned
 * normally. Messages seen before (same {@code msgId}) are dropped before any callback.
 */
public interface ChatListener {
    /**
     * Op 2: a private message to this user.
     *
     * @param message the message
     */
    default void onPrivateMessage(Message message) {
    }

    /**
     * Op 3: a message to the client's room (the client's own room messages come back too).
     *
     * @param message the message
     */
    default void onRoomMessage(Message message) {
    }

    /**
     * Op 4: the room's online count.
     *
     * @param count the count
     */
    default void onRoomCount(RoomCount count) {
    }

    /**
     * Op 5: the room's member list.
     *
     * @param info the members
     */
    default void onRoomInfo(RoomInfo info) {
    }

    /**
     * Op 30: a message to one of this user's groups (the user's own come back too).
     *
     * @param message the message
     */
    default void onGroupMessage(GroupMessage message) {
    }

    /**
     * Op 31: an event in one of this user's groups, or a group notice to this user.
     *
     * @param event the event
     */
    default void onGroupEvent(GroupEvent event) {
    }

    /**
     * An error frame ({@code {"code":1,"msg":...}}): a refused send, a bad frame, a refused token.
     *
     * @param error the error
     */
    default void onError(ServerError error) {
    }

    /**
     * The socket is up and authenticated (after every reconnect too).
     *
     * @param endpoint where it is connected
     */
    default void onConnected(Endpoint endpoint) {
    }

    /**
     * The socket went down; the client reconnects by itself unless it was closed or the session ended.
     *
     * @param endpoint where it was connected
     * @param reason   why, in words
     */
    default void onDisconnected(Endpoint endpoint, String reason) {
    }

    /**
     * The session ended (logged out, expired, token refused): the client stops reconnecting.
     *
     * @param error the server's words
     */
    default void onSessionEnded(ServerError error) {
    }

    /**
     * A contacts notification (ops 20–25): friend requests, acceptances, removals, friends' profiles and presence.
     *
     * @param notice the notification
     */
    default void onContactNotice(ContactNotice notice) {
    }

    /**
     * A frame this SDK does not know (a newer server's op); the raw JSON text.
     *
     * @param json the frame
     */
    default void onUnknownFrame(String json) {
    }
}
