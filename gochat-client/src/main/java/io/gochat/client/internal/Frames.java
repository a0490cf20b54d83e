package io.gochat.client.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gochat.client.GroupEvent;
import io.gochat.client.GroupMessage;
import io.gochat.client.Message;
import io.gochat.client.RoomInfo;
import io.gochat.protocol.Ops;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON texts a client sends and reads (docs/protocol.md). Not part of the SDK's API. */
public final class Frames {
    /** The SDK's one mapper. */
    public static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** Server's answer to an ack without an id, once the connection is authenticated. */
    public static final String PROBE_ANSWER_AUTHENTICATED = "msgId or upToId missing";
    /** Server's answer to any frame while the auth frame is still being checked. */
    public static final String PROBE_ANSWER_PENDING = "authentication in progress";

    private Frames() {
    }

    /**
     * The first frame: WS leaves op out, TCP says op 6. {@code "acks":true} asks for at-least-once private
     * delivery (the client acks every private message with op 7).
     */
    public static String auth(boolean tcp, String token, long roomId, boolean acks) {
        ObjectNode n = JSON.createObjectNode();
        if (tcp) {
            n.put("op", Ops.BUILD_TCP_CONN);
        }
        n.put("authToken", token);
        n.put("roomId", roomId);
        if (acks) {
            n.put("acks", true);
        }
        n.put("joined", true);   // the server confirms the join with op 8 (servers before it ignore this)
        return write(n);
    }

    /** Op 2 (toUserId as a string, as browsers must) or op 3. */
    public static String send(int op, long toUserId, String msg) {
        ObjectNode n = JSON.createObjectNode();
        n.put("op", op);
        if (op == Ops.SINGLE) {
            n.put("toUserId", String.valueOf(toUserId));
        }
        n.put("msg", msg);
        return write(n);
    }

    /** Op 30 to a group (its id as a string, as browsers must). */
    public static String sendGroup(long groupId, String msg) {
        ObjectNode n = JSON.createObjectNode();
        n.put("op", Ops.GROUP);
        n.put("groupId", String.valueOf(groupId));
        n.put("msg", msg);
        return write(n);
    }

    public static GroupMessage groupMessage(JsonNode m) {
        return new GroupMessage(m.path("msgId").asLong(), m.path("groupId").asLong(), m.path("fromUserId").asLong(),
                m.path("fromUserName").asText(""), m.path("nickname").asText(""), m.path("msg").asText(""),
                m.path("createTime").asText(""), m.path("serverTime").asLong());
    }

    public static GroupEvent groupEvent(JsonNode e, String json) {
        return new GroupEvent(e.path("msgId").asLong(), e.path("groupId").asLong(), e.path("groupName").asText(""),
                e.path("event").asText(""), e.path("userId").asLong(), json);
    }

    public static String ack(long msgId) {
        return "{\"op\":" + Ops.ACK + ",\"msgId\":\"" + msgId + "\"}";
    }

    /**
     * Servers since issue #17 confirm a join with op 8 to clients that ask ({@code "joined":true}). Older ones
     * do not confirm a good token, and a message sent while the token is being checked is
     * refused ("authentication in progress"). An ack without an id is harmless and answered with
     * {@link #PROBE_ANSWER_AUTHENTICATED} once authenticated: the SDK sends it after the auth frame and
     * counts the connection as up when that answer comes.
     */
    public static String probe() {
        return "{\"op\":" + Ops.ACK + ",\"upToId\":\"0\"}";
    }

    public static Message message(JsonNode m) {
        return new Message(m.path("op").asInt(), m.path("msgId").asLong(), m.path("fromUserId").asLong(),
                m.path("fromUserName").asText(""), m.path("toUserId").asLong(), m.path("toUserName").asText(""),
                m.path("roomId").asLong(), m.path("msg").asText(""), m.path("createTime").asText(""),
                m.path("serverTime").asLong(), m.path("seq").asLong());
    }

    public static RoomInfo roomInfo(JsonNode n) {
        Map<Long, String> members = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = n.path("roomUserInfo").fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            try {
                members.put(Long.parseLong(e.getKey()), e.getValue().asText());
            } catch (NumberFormatException ignored) {
                // not a user id: skip it rather than drop the whole list
            }
        }
        return new RoomInfo(n.path("roomId").asLong(), n.path("count").asInt(members.size()), members);
    }

    private static String write(ObjectNode n) {
        try {
            return JSON.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
