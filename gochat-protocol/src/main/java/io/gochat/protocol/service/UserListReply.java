package io.gochat.protocol.service;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/** Users (search results, blocked users), or code 1 / 40000 with a reason. */
public record UserListReply(int code, String message, List<ProfileView> users) implements Serializable {
    public static UserListReply of(List<ProfileView> users) {
        return new UserListReply(0, "ok", new ArrayList<>(users));   // a plain list crosses Dubbo
    }

    public static UserListReply refused(String message) {
        return new UserListReply(1, message, new ArrayList<>());
    }

    public static UserListReply badSession() {
        return new UserListReply(PushReply.SESSION_ERROR, "Session error", new ArrayList<>());
    }

    public boolean ok() {
        return code == 0;
    }
}
