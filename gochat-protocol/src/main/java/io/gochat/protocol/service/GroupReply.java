package io.gochat.protocol.service;

import java.io.Serializable;

/**
 * Answer of a {@link GroupService} call: code 0 with {@code data} (JSON text: a group, a list of groups,
 * members, requests, notices; null when there is nothing to return), or code 1 with a sentence a user may
 * read ("you are not an admin of group 12", "group 12 is full (500 members)").
 */
public record GroupReply(int code, String message, String data) implements Serializable {
    public static GroupReply ok(String message, String data) {
        return new GroupReply(0, message, data);
    }

    public static GroupReply refused(String message) {
        return new GroupReply(1, message, null);
    }

    public boolean ok() {
        return code == 0;
    }
}
