package io.gochat.protocol.service;

import java.io.Serializable;

/** Answer to a typed send: code 0 with the new message's id, or code 1 (40000) with the reason. */
public record SendReply(int code, String message, long msgId) implements Serializable {
    public static SendReply refused(String message) {
        return new SendReply(1, message, 0);
    }

    public static SendReply of(PushReply reply, long msgId) {
        return new SendReply(reply.code(), reply.message(), reply.ok() ? msgId : 0);
    }

    public boolean ok() {
        return code == 0;
    }
}
