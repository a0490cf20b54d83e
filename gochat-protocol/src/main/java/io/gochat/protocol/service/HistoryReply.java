package io.gochat.protocol.service;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Stored messages, oldest first, each the exact JSON text clients receive over their socket; or
 * code 1 with a reason a user may read (not a member, bad arguments, ...).
 */
public record HistoryReply(int code, String message, List<String> messages) implements Serializable {
    public static HistoryReply of(List<String> messages) {
        return new HistoryReply(0, "ok", new ArrayList<>(messages));   // a plain list crosses Dubbo
    }

    public static HistoryReply refused(String message) {
        return new HistoryReply(1, message, new ArrayList<>());
    }

    public boolean ok() {
        return code == 0;
    }
}
