package io.gochat.protocol.service;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * A page of a conversation after a sequence number: {@code messages} (each the exact JSON text clients
 * receive, recalled ones as tombstones) in seq order, the conversation's key, its last number now
 * ({@code lastSeq}, 0 = no message yet), and whether more follow this page ({@code hasMore}: ask again after
 * the last message's seq). Or code 1 (40000: a bad session) with a reason a user may read.
 */
public record SyncReply(int code, String message, String conversation, long lastSeq, boolean hasMore,
                        List<String> messages) implements Serializable {
    public static SyncReply of(String conversation, long lastSeq, boolean hasMore, List<String> messages) {
        return new SyncReply(0, "ok", conversation, lastSeq, hasMore, new ArrayList<>(messages));   // a plain list crosses Dubbo
    }

    public static SyncReply refused(String message) {
        return new SyncReply(1, message, null, 0, false, new ArrayList<>());
    }

    public static SyncReply badSession() {
        return new SyncReply(PushReply.SESSION_ERROR, "Session error", null, 0, false, new ArrayList<>());
    }

    public boolean ok() {
        return code == 0;
    }
}
