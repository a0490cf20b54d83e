package io.gochat.protocol.service;

import java.io.Serializable;

/** Answer to register and login: code 0 with a token, or code 1 with a reason a user may read. */
public record AuthReply(int code, String message, String token) implements Serializable {
    public static AuthReply ok(String message, String token) {
        return new AuthReply(0, message, token);
    }

    public static AuthReply fail(String message) {
        return new AuthReply(1, message, null);
    }

    public boolean ok() {
        return code == 0;
    }
}
