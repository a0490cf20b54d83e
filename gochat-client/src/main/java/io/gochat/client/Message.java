package io.gochat.client;

/**
 * A chat message as the server delivers it (op 2 private, op 3 room), over the socket or from history.
 *
 * @param op           2 private, 3 room
 * @param msgId        unique, 64-bit, grows with time; duplicates share it
 * @param fromUserId   sender (set by the server from the sender's session)
 * @param fromUserName sender's name
 * @param toUserId     recipient of a private message (0 for room messages)
 * @param toUserName   recipient's name
 * @param roomId       room of a room message
 * @param msg          the text
 * @param createTime   gochat's time stamp text ({@code yyyy-MM-dd HH:mm:ss})
 * @param serverTime   epoch ms when the server accepted it
 * @param seq          its number in its conversation (the room, or the 1:1 chat): 1, 2, 3, ...; a jump means
 *                     messages in between are missing (the client fetches them); 0 from servers before #17
 */
public record Message(int op, long msgId, long fromUserId, String fromUserName, long toUserId, String toUserName,
                      long roomId, String msg, String createTime, long serverTime, long seq) {
    /** Op of a private message. */
    public static final int PRIVATE = 2;
    /** Op of a room message. */
    public static final int ROOM = 3;

    /** A message without a sequence number (servers before #17). */
    public Message(int op, long msgId, long fromUserId, String fromUserName, long toUserId, String toUserName,
                   long roomId, String msg, String createTime, long serverTime) {
        this(op, msgId, fromUserId, fromUserName, toUserId, toUserName, roomId, msg, createTime, serverTime, 0);
    }

    /** @return the conversation's key as the server names it: {@code r:<roomId>} or {@code p:<userA>:<userB>} */
    public String conversation() {
        return isPrivate() ? "p:" + Math.min(fromUserId, toUserId) + ":" + Math.max(fromUserId, toUserId)
                : "r:" + roomId;
    }

    /** @return true for a private message (op 2) */
    public boolean isPrivate() {
        return op == PRIVATE;
    }
}
