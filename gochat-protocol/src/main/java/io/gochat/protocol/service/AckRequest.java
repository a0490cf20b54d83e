package io.gochat.protocol.service;

import java.io.Serializable;

/**
 * A user acknowledges private messages: the one with {@code msgId}, or (when {@code upTo}) every one
 * with an id up to and including {@code msgId}. Acknowledged messages are not sent again on reconnect.
 */
public record AckRequest(long userId, long msgId, boolean upTo) implements Serializable {
}
