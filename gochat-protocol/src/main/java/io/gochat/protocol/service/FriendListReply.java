package io.gochat.protocol.service;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/** The caller's friends, or code 1 / 40000 with a reason. */
public record FriendListReply(int code, String message, List<FriendView> friends) implements Serializable {
    public static FriendListReply of(List<FriendView> friends) {
        return new FriendListReply(0, "ok", new ArrayList<>(friends));   // a plain list crosses Dubbo
    }

    public static FriendListReply refused(String message) {
        return new FriendListReply(1, message, new ArrayList<>());
    }

    public static FriendListReply badSession() {
        return new FriendListReply(PushReply.SESSION_ERROR, "Session error", new ArrayList<>());
    }

    public boolean ok() {
        return code == 0;
    }
}
