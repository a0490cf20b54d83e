package io.gochat.api.routes;

import com.fasterxml.jackson.databind.JsonNode;
import io.gochat.api.http.ApiResponse;
import io.gochat.api.http.BadRequest;
import io.gochat.api.http.Endpoint;
import io.gochat.api.http.JsonBody;
import io.gochat.api.http.MessageGateway;
import io.gochat.api.http.SessionGuard;
import io.gochat.protocol.service.GroupReads;
import io.gochat.protocol.service.MessageCaller;
import io.gochat.protocol.service.PushReply;
import io.gochat.protocol.service.SendReply;
import io.gochat.protocol.service.TypedSend;
import io.javalin.config.RoutesConfig;
import io.gochat.protocol.service.ConversationChange;
import io.gochat.protocol.service.ConversationEntry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code /message/*}: typed messages, recall, typing and read receipts over HTTP, the same as socket ops
 * 40–43. logic checks the token (40000 when it is not a live session) and every field (code 1 naming it).
 */
public final class MessageRoutes {
    private final MessageGateway messages;

    public MessageRoutes(MessageGateway messages) {
        this.messages = messages;
    }

    public void addTo(RoutesConfig routes) {
        routes.post("/message/send", Endpoint.of(this::send));
        routes.post("/conversation/list", Endpoint.of(this::conversations));
        routes.post("/conversation/update", Endpoint.of(this::changeConversation));
        routes.post("/message/recall", Endpoint.of(b -> {
            MessageCaller c = caller(b);
            long msgId = id(b, "msgId", true);
            return messages.<PushReply>call(s -> s.recall(c, msgId)).thenApply(MessageRoutes::answer);
        }));
        routes.post("/message/typing", Endpoint.of(b -> {
            MessageCaller c = caller(b);
            long to = PushFields.userId(b, "toUserId");
            JsonNode typing = b.field("typing");
            boolean isTyping = typing == null || typing.isNull() || typing.asBoolean(true);
            return messages.<PushReply>call(s -> s.typing(c, to, isTyping)).thenApply(MessageRoutes::answer);
        }));
        routes.post("/message/read", Endpoint.of(b -> {
            MessageCaller c = caller(b);
            long groupId = GroupRoutes.optionalId(b, "groupId");
            long with = groupId > 0 ? 0 : PushFields.userId(b, "withUserId");
            long upTo = id(b, "upToId", true);
            return messages.<PushReply>call(s -> groupId > 0 ? s.readGroup(c, groupId, upTo) : s.read(c, with, upTo))
                    .thenApply(MessageRoutes::answer);
        }));
        routes.post("/message/readers", Endpoint.of(b -> {
            MessageCaller c = caller(b);
            long msgId = id(b, "msgId", true);
            return messages.<GroupReads>call(s -> s.readers(c, msgId)).thenApply(MessageRoutes::reads);
        }));
        routes.post("/message/readCounts", Endpoint.of(b -> {
            MessageCaller c = caller(b);
            long groupId = GroupRoutes.id(b, "groupId");
            List<Long> ids = msgIds(b);
            return messages.<GroupReads>call(s -> s.readCounts(c, groupId, ids)).thenApply(MessageRoutes::reads);
        }));
    }

    private CompletableFuture<ApiResponse> conversations(JsonBody b) {
        MessageCaller c = caller(b);
        JsonNode limit = b.field("limit");
        int n = limit == null || limit.isNull() ? 0 : limit.asInt(0);
        return messages.call(s -> s.conversations(c, n)).thenApply(list -> {
            if (list.code() == ApiResponse.SESSION_ERROR) {
                return ApiResponse.sessionError();
            }
            if (list.code() != 0) {
                return ApiResponse.fail(list.message());
            }
            List<Map<String, Object>> data = new ArrayList<>();
            for (ConversationEntry e : list.conversations()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("conversation", e.conversation());
                if (e.groupId() > 0) {
                    m.put("groupId", Long.toString(e.groupId()));
                    m.put("groupName", e.groupName());
                } else {
                    m.put("withUserId", Long.toString(e.withUserId()));
                    m.put("withUserName", e.withUserName());
                }
                m.put("lastMessage", tree(e.lastMessage()));
                m.put("unread", e.unread());
                m.put("readUpTo", Long.toString(e.readUpTo()));
                m.put("pinned", e.pinned());
                m.put("muted", e.muted());
                m.put("draft", e.draft());
                data.add(m);
            }
            return ApiResponse.ok("ok", data);
        });
    }

    private CompletableFuture<ApiResponse> changeConversation(JsonBody b) {
        MessageCaller c = caller(b);
        long groupId = GroupRoutes.optionalId(b, "groupId");
        long with = groupId > 0 ? 0 : PushFields.userId(b, "withUserId");
        ConversationChange change = new ConversationChange(with, flag(b, "pinned"), flag(b, "muted"),
                b.optionalTextOrNull("draft"), groupId);
        if (change.pinned() == null && change.muted() == null && change.draft() == null) {
            throw new BadRequest("give pinned, muted or draft");
        }
        return messages.<PushReply>call(s -> s.changeConversation(c, change)).thenApply(MessageRoutes::answer);
    }

    private static Boolean flag(JsonBody b, String field) {
        JsonNode n = b.field(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isBoolean()) {
            throw new BadRequest(field + " must be true or false");
        }
        return n.booleanValue();
    }

    private static JsonNode tree(String json) {
        try {
            return json == null ? null : io.gochat.core.json.Json.MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private CompletableFuture<ApiResponse> send(JsonBody b) {
        MessageCaller caller = caller(b);
        long groupId = GroupRoutes.optionalId(b, "groupId");
        JsonNode to = b.field("toUserId");
        long toUserId = groupId > 0 || to == null || to.isNull() ? 0 : PushFields.userId(b, "toUserId");
        long roomId = toUserId > 0 || groupId > 0 ? 0 : PushFields.optionalRoomId(b);
        String clientMsgId = b.optionalText("clientMsgId");
        JsonNode type = b.field("type");
        JsonNode body = b.field("body");
        if (body == null || !body.isObject()) {
            throw new BadRequest("body must be a JSON object");
        }
        TypedSend send = new TypedSend(toUserId, roomId, type == null || !type.isTextual() ? null : type.textValue(),
                body.toString(), groupId, clientMsgId);
        return messages.call(s -> s.send(caller, send)).thenApply(MessageRoutes::sent);
    }

    private static MessageCaller caller(JsonBody b) {
        String token;
        try {
            token = b.text("authToken", SessionGuard.MAX_TOKEN_LENGTH);
        } catch (BadRequest e) {
            throw new BadRequest(ApiResponse.sessionError());
        }
        return MessageCaller.token(token);
    }

    private static ApiResponse sent(SendReply r) {
        if (r.code() == ApiResponse.SESSION_ERROR) {
            return ApiResponse.sessionError();
        }
        return r.ok() ? ApiResponse.ok(r.message(), Map.of("msgId", Long.toString(r.msgId())))
                : ApiResponse.fail(r.message());
    }

    /** {@code data}: {@code {"groupId":"G","reads":[{"msgId":"M","readCount":2,"memberCount":3,"readers":[…]}]}} */
    private static ApiResponse reads(GroupReads r) {
        if (r.code() == ApiResponse.SESSION_ERROR) {
            return ApiResponse.sessionError();
        }
        if (!r.ok()) {
            return ApiResponse.fail(r.message());
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("groupId", Long.toString(r.groupId()));
        data.put("reads", r.clientReads());
        return ApiResponse.ok("ok", data);
    }

    private static List<Long> msgIds(JsonBody b) {
        JsonNode list = b.field("msgIds");
        if (list == null || !list.isArray() || list.isEmpty() || list.size() > 100) {
            throw new BadRequest("msgIds must be a list of 1 to 100 message ids");
        }
        List<Long> ids = new ArrayList<>();
        for (JsonNode n : list) {
            long v = -1;
            if (n.isIntegralNumber() && n.canConvertToLong()) {
                v = n.longValue();
            } else if (n.isTextual()) {
                try {
                    v = Long.parseLong(n.textValue().trim());
                } catch (NumberFormatException e) {
                    v = -1;
                }
            }
            if (v <= 0) {
                throw new BadRequest("msgIds must be message ids");
            }
            ids.add(v);
        }
        return ids;
    }

    private static ApiResponse answer(PushReply r) {
        if (r.code() == ApiResponse.SESSION_ERROR) {
            return ApiResponse.sessionError();
        }
        return r.ok() ? ApiResponse.ok(r.message(), null) : ApiResponse.fail(r.message());
    }

    /** A message id as a number or a string (JavaScript cannot hold 64-bit ids as numbers). */
    static long id(JsonBody body, String field, boolean required) {
        JsonNode node = body.field(field);
        if (node == null || node.isNull() || (node.isTextual() && node.textValue().isBlank())) {
            if (required) {
                throw new BadRequest(field + " is required (a message id)");
            }
            return 0;
        }
        if (node.isIntegralNumber() && node.canConvertToLong() && node.longValue() > 0) {
            return node.longValue();
        }
        if (node.isTextual()) {
            try {
                long v = Long.parseLong(node.textValue().trim());
                if (v > 0) {
                    return v;
                }
            } catch (NumberFormatException e) {
                // answered below
            }
        }
        throw new BadRequest(field + " must be a message id");
    }
}
