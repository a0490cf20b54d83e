package io.gochat.protocol.service;

import java.io.Serializable;

/** Answer to a contacts action: code 0 done, 1 refused with a sentence a person can read, 40000 bad session. */
public record ContactReply(int code, String message) implements Serializable {
    public static ContactReply ok(String message) {
        return new ContactReply(0, message);
    }

    public static ContactReply refused(String message) {
        return new ContactReply(1, message);
    }

    public static ContactReply badSession() {
        return new ContactReply(PushReply.SESSION_ERROR, "Session error");
    }

    public boolean ok() {
        return code == 0;
    }
}
