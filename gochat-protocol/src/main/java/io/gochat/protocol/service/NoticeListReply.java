package io.gochat.protocol.service;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/** Stored contact notifications (each the JSON text the socket delivered), or code 1 / 40000. */
public record NoticeListReply(int code, String message, List<String> notices) implements Serializable {
    public static NoticeListReply of(List<String> notices) {
        return new NoticeListReply(0, "ok", new ArrayList<>(notices));   // a plain list crosses Dubbo
    }

    public static NoticeListReply refused(String message) {
        return new NoticeListReply(1, message, new ArrayList<>());
    }

    public static NoticeListReply badSession() {
        return new NoticeListReply(PushReply.SESSION_ERROR, "Session error", new ArrayList<>());
    }

    public boolean ok() {
        return code == 0;
    }
}
