package io.gochat.protocol.service;

import java.io.Serializable;

/** Answer to a push: code 0 accepted, code 1 refused with a reason a user may read. */
public record PushReply(int code, String message) implements Serializable {
    public static PushReply accepted() {
        return new PushReply(0, "ok");
    }

    /** Accepted, with a note for the sender (e.g. stored for a recipient who is offline). */
    public static PushReply accepted(String message) {
        return new PushReply(0, message);
    }

    public static PushReply refused(String message) {
        return new PushReply(1, message);
    }

    /** gochat's code for a missing, revoked or expired session. */
    public static final int SESSION_ERROR = 40000;

    public static PushReply badSession() {
        return new PushReply(SESSION_ERROR, "Session error");
    }

    public boolean ok() {
        return code == 0;
    }
}
