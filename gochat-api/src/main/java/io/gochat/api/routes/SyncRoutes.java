package io.gochat.api.routes;

import com.fasterxml.jackson.databind.JsonNode;
import io.gochat.api.http.ApiResponse;
import io.gochat.api.http.BadRequest;
import io.gochat.api.http.Endpoint;
import io.gochat.api.http.JsonBody;
import io.gochat.api.http.ServiceGateway;
import io.gochat.api.http.SessionGuard;
import io.gochat.core.json.Json;
import io.gochat.protocol.service.MessageCaller;
import io.gochat.protocol.service.SyncQuery;
import io.gochat.protocol.service.SyncReply;
import io.gochat.protocol.service.SyncService;
import io.javalin.config.RoutesConfig;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /message/sync}: a conversation's messages after a sequence number ({@code seq} in every message),
 * in seq order, a page at a time: what a client missed while it was away, or the gap it saw in the numbers.
 * Body: {@code authToken}, one of {@code roomId}, {@code withUserId}, {@code groupId} or {@code conversation}
 * ({@code r:1}, {@code p:1:2}, {@code g:3}), {@code afterSeq} (default 0), {@code limit} (default 100, at most
 * 500). Data: {@code {conversation, lastSeq, hasMore, messages}}.
 */
public final class SyncRoutes {
    private final ServiceGateway<SyncService> sync;

    public SyncRoutes(ServiceGateway<SyncService> sync) {
        this.sync = sync;
    }

    public void addTo(RoutesConfig routes) {
        routes.post("/message/sync", Endpoint.of(b -> {
            MessageCaller caller = caller(b);
            JsonNode conv = b.field("conversation");
            SyncQuery q = new SyncQuery(conv == null || conv.isNull() ? null : conv.asText(), number(b, "roomId"),
                    number(b, "withUserId"), number(b, "groupId"), number(b, "afterSeq"), (int) Math.min(number(b, "limit"), 10_000));
            return sync.<SyncReply>call(s -> s.sync(caller, q)).thenApply(SyncRoutes::answer);
        }));
    }

    static ApiResponse answer(SyncReply r) {
        if (r == null) {
            throw new BadRequest("logic gave no answer");
        }
        if (r.code() == ApiResponse.SESSION_ERROR) {
            return ApiResponse.sessionError();
        }
        if (!r.ok()) {
            return ApiResponse.fail(r.message());
        }
        List<JsonNode> messages = new ArrayList<>(r.messages().size());
        for (String text : r.messages()) {
            try {
                messages.add(Json.MAPPER.readTree(text));
            } catch (IOException e) {
                throw new IllegalStateException("a stored message is not JSON", e);
            }
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("conversation", r.conversation());
        data.put("lastSeq", r.lastSeq());
        data.put("hasMore", r.hasMore());
        data.put("messages", messages);
        return ApiResponse.ok("ok", data);
    }

    private static MessageCaller caller(JsonBody b) {
        try {
            return MessageCaller.token(b.text("authToken", SessionGuard.MAX_TOKEN_LENGTH));
        } catch (BadRequest e) {
            throw new BadRequest(ApiResponse.sessionError());
        }
    }

    /** An optional non-negative number, as a JSON number or a string (64-bit ids from JavaScript); 0 when absent. */
    private static long number(JsonBody body, String field) {
        JsonNode node = body.field(field);
        if (node == null || node.isNull() || (node.isTextual() && node.textValue().isBlank())) {
            return 0;
        }
        long v;
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            v = node.longValue();
        } else if (node.isTextual()) {
            try {
                v = Long.parseLong(node.textValue().trim());
            } catch (NumberFormatException e) {
                throw new BadRequest(field + " must be a number");
            }
        } else {
            throw new BadRequest(field + " must be a number");
        }
        if (v < 0) {
            throw new BadRequest(field + " must be 0 or more");
        }
        return v;
    }
}
