package io.gochat.protocol.service;

import java.io.Serializable;

/**
 * A typed message to send: to user {@code toUserId} (private) or, when that is 0, to room {@code roomId}.
 *
 * @param type one of text, image, voice, video, file, emoji, link, location, contact, article, custom
 * @param body the typed body, a JSON object as text (checked by logic)
 */
public record TypedSend(long toUserId, long roomId, String type, String body) implements Serializable {
}
