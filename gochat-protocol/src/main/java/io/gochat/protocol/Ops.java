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

    // Contacts notifications (20–29), server → client, to every connection of the user they concern.
    /** Someone asked you to be friends: {@code {"op":20,"request":{…}}}. */
    public static final int FRIEND_REQUEST = 20;
    /** Your request was accepted (or a mutual request made you friends): {@code {"op":21,"user":{…}}}. */
    public static final int FRIEND_ACCEPTED = 21;
    /** Your request was declined: {@code {"op":22,"requestId":N,"userId":N}}. */
    public static final int FRIEND_DECLINED = 22;
    /** A friend removed you (or blocked you): {@code {"op":23,"userId":N}}. */
    public static final int FRIEND_REMOVED = 23;
    /** A friend changed their nickname, avatar, bio or status: {@code {"op":24,"user":{…}}}. */
    public static final int FRIEND_PROFILE = 24;
    /** A friend came online or went offline: {@code {"op":25,"userId":N,"status":"online|away|busy|offline"}} (not stored). */
    public static final int FRIEND_PRESENCE = 25;
    /** First and last op numbers of the contacts notifications. */
    public static final int CONTACTS_FIRST = 20;
    public static final int CONTACTS_LAST = 29;

    /** True for ops that a server sends to one user (private messages and contacts notifications). */
    public static boolean toOneUser(int op) {
        return op == SINGLE || (op >= CONTACTS_FIRST && op <= CONTACTS_LAST);
    }

    // messages and media (40–59), see docs/protocol.md "Typed messages"
    /**
     * Client → server: a typed message ({@code {"op":40,"toUserId":N or "roomId":R,"type":"image","body":{…}}}).
     * It is delivered as op 2 (private) or op 3 (room) with {@code type} and {@code body} added.
     */
    public static final int TYPED_MESSAGE = 40;
    /** Client → server: recall my message ({@code {"op":41,"msgId":N}}); server → client: a message was recalled. */
    public static final int RECALL = 41;
    /** Client ↔ server: typing ({@code {"op":42,"toUserId":N,"typing":true|false}}); never stored. */
    public static final int TYPING = 42;
    /**
     * Client ↔ server: read up to a message ({@code {"op":43,"withUserId":N,"upToId":M}}, or in a group
     * {@code {"op":43,"groupId":G,"upToId":M}}).
     */
    public static final int READ = 43;
    /** Server → client: my settings of a chat changed (pinned, muted, draft), on another of my devices or this one. */
    public static final int CONVERSATION = 44;
    /**
     * Client → server: a conversation's messages after a sequence number ({@code {"op":50,"roomId":R,"afterSeq":N}},
     * or {@code withUserId}, {@code groupId}, {@code conversation}); answered with op 50 and the page (#17).
     */
    public static final int SYNC = 50;

    /**
     * Client → server: who has read my group message ({@code {"op":45,"msgId":M}}), or how many have read
     * each of several ({@code {"op":45,"groupId":G,"msgIds":[M1,M2]}}); answered with the counts (and readers).
     */
    public static final int GROUP_READS = 45;

    /** The ops of messages and media (40–59), handled by logic's MessageService. */
    public static boolean isMessagesOp(int op) {
        return op >= 40 && op <= 59;
    }

    private Ops() {
    }
}
