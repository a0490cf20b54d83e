package io.gochat.logic.message;

import io.gochat.core.json.Json;
import io.gochat.protocol.ChatMessage;
import io.gochat.protocol.Ops;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON bodies clients receive, exactly as gochat shapes them (plus msgId and serverTime). */
final class MessageBodies {
    private static final DateTimeFormatter CREATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private MessageBodies() {
    }

    static String privateMessage(long msgId, long now, long fromUserId, String fromUserName, long toUserId,
                                 String toUserName, long roomId, String msg) {
        return Json.write(new ChatMessage(0, msg, fromUserId, fromUserName, toUserId, toUserName, roomId,
                Ops.SINGLE, "", msgId, now));
    }

    static String roomMessage(long msgId, long now, long fromUserId, String fromUserName, long roomId, String msg) {
        return Json.write(new ChatMessage(0, msg, fromUserId, fromUserName, 0, "", roomId, Ops.ROOM,
                CREATE_TIME.format(Instant.ofEpochMilli(now)), msgId, now));
    }

    /** A message body with {@code type} and {@code body} after gochat's fields (typed messages only). */
    @SuppressWarnings("unchecked")
    static String withType(String plain, Typed typed) {
        if (typed == null) {
            return plain;
        }
        Map<String, Object> body;
        try {
            body = Json.MAPPER.readValue(plain, LinkedHashMap.class);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("a message body is not JSON", e);
        }
        body.put("type", typed.type());
        body.put("body", typed.body());
        return Json.write(body);
    }

    /** {@code {"count":N,"op":4}}, as gochat sends it. */
    static String roomCount(long count) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("count", count);
        body.put("op", Ops.ROOM_COUNT);
        return Json.write(body);
    }

    /** {@code {"op":5,"roomId":R,"count":N,"roomUserInfo":{"10":"alice"}}}, as gochat sends it. */
    static String roomInfo(long roomId, Map<String, String> members) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("op", Ops.ROOM_INFO);
        body.put("roomId", roomId);
        body.put("count", members.size());
        body.put("roomUserInfo", members);
        return Json.write(body);
    }
}
