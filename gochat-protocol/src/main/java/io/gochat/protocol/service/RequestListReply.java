package io.gochat.protocol.service;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/** Friend requests, or code 1 / 40000 with a reason. */
public record RequestListReply(int code, String message, List<FriendRequestView> requests) implements Serializable {
    public static RequestListReply of(List<FriendRequestView> requests) {
        return new RequestListReply(0, "ok", new ArrayList<>(requests));   // a plain list crosses Dubbo
    }

    public static RequestListReply refused(String message) {
        return new RequestListReply(1, message, new ArrayList<>());
    }

    public static RequestListReply badSession() {
        return new RequestListReply(PushReply.SESSION_ERROR, "Session error", new ArrayList<>());
    }

    public boolean ok() {
        return code == 0;
    }
}
