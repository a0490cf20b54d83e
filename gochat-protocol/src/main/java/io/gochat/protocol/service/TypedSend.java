package io.gochat.protocol.service;

import java.io.Serializable;

/**
 * A typed message to send: to group {@code groupId} when it is set, else to user {@code toUserId}
 * (private), else to room {@code roomId}.
 *
 * @param type        one of text, image, voice, video, file, emoji, link, location, contact, article, custom
 * @param body        the typed body, a JSON object as text (checked by logic)
 * @param groupId     the group (0 = not a group message)
 * @param clientMsgId the sender's own id of the message (1–64 characters) or null: a send retried with the same
 *                    one is stored once and answered with the first message's id
 */
public record TypedSend(long toUserId, long roomId, String type, String body, long groupId, String clientMsgId)
        implements Serializable {

    /** A private or room message without a client message id. */
    public TypedSend(long toUserId, long roomId, String type, String body) {
        this(toUserId, roomId, type, body, 0, null);
    }

    /** A group message. */
    public static TypedSend toGroup(long groupId, String type, String body, String clientMsgId) {
        return new TypedSend(0, 0, type, body, groupId, clientMsgId);
    }
}
