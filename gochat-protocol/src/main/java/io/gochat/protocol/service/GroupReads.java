package io.gochat.protocol.service;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Read state of the caller's own group messages: per message, how many members have read it, and (when asked
 * for one message) who.
 */
public record GroupReads(int code, String message, long groupId, List<GroupRead> reads) implements Serializable {

    /**
     * @param readCount   members (not the sender) whose read mark is at or past the message
     * @param memberCount members the message was for (members who joined before it, not the sender)
     * @param readers     who read it, by user id and name, oldest member first (empty unless asked for)
     */
    public record GroupRead(long msgId, int readCount, int memberCount, List<Reader> readers) implements Serializable {
    }

    public record Reader(long userId, String userName) implements Serializable {
    }

    public static GroupReads of(long groupId, List<GroupRead> reads) {
        return new GroupReads(0, "ok", groupId, new ArrayList<>(reads));
    }

    public static GroupReads refused(int code, String message) {
        return new GroupReads(code, message, 0, new ArrayList<>());
    }

    public boolean ok() {
        return code == 0;
    }

    /**
     * The reads as clients get them, in the api's {@code data} and in op 45 frames alike:
     * {@code [{"msgId":"M","readCount":2,"memberCount":3,"readers":[{"userId":"U","userName":"N"}]}]}
     * (ids as strings: JavaScript cannot hold 64-bit ids as numbers).
     */
    public List<Map<String, Object>> clientReads() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (GroupRead r : reads) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("msgId", Long.toString(r.msgId()));
            m.put("readCount", r.readCount());
            m.put("memberCount", r.memberCount());
            List<Map<String, Object>> readers = new ArrayList<>();
            for (Reader u : r.readers()) {
                Map<String, Object> who = new LinkedHashMap<>();
                who.put("userId", Long.toString(u.userId()));
                who.put("userName", u.userName());
                readers.add(who);
            }
            m.put("readers", readers);
            out.add(m);
        }
        return out;
    }
}
