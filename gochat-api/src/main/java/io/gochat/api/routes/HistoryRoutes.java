package io.gochat.api.routes;

import com.fasterxml.jackson.databind.JsonNode;
import io.gochat.api.http.ApiResponse;
import io.gochat.api.http.BadRequest;
import io.gochat.api.http.Endpoint;
import io.gochat.api.http.JsonBody;
import io.gochat.api.http.LogicGateway;
import io.gochat.api.http.SessionGuard;
import io.gochat.core.json.Json;
import io.gochat.protocol.service.HistoryQuery;
import io.gochat.protocol.service.HistoryReply;
import io.gochat.protocol.service.LogicService;
import io.gochat.protocol.service.SessionInfo;
import io.javalin.config.RoutesConfig;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * {@code /history/*}: stored messages, oldest first, each exactly as the socket delivered it. Pages go
 * back in time with {@code beforeId} (the first message's {@code msgId}); {@code /history/since} goes
 * forward through the caller's private messages with {@code sinceId} (the last message's {@code msgId}).
 */
public final class HistoryRoutes {
    private final LogicGateway logic;
    private final SessionGuard sessions;

    public HistoryRoutes(LogicGateway logic, SessionGuard sessions) {
        this.logic = logic;
        this.sessions = sessions;
    }

    public void addTo(RoutesConfig routes) {
        routes.post("/history/room", Endpoint.of(b -> page(b,
                s -> new HistoryQuery(s.userId(), PushFields.roomId(b), limit(b), optionalId(b, "beforeId")),
                (l, q) -> l.roomHistory(q))));
        routes.post("/history/private", Endpoint.of(b -> page(b,
                s -> new HistoryQuery(s.userId(), PushFields.userId(b, "withUserId"), limit(b), optionalId(b, "beforeId")),
                (l, q) -> l.privateHistory(q))));
        routes.post("/history/since", Endpoint.of(b -> page(b,
                s -> new HistoryQuery(s.userId(), 0, limit(b), optionalId(b, "sinceId")),
                (l, q) -> l.privateSince(q.userId(), q.beforeId(), q.limit()))));
    }

    private CompletableFuture<ApiResponse> page(JsonBody body, Function<SessionInfo, HistoryQuery> query,
                                                BiFunction<LogicService,
                                                        HistoryQuery, CompletableFuture<HistoryReply>> call) {
        return sessions.check(body)
                .thenApply(auth -> query.apply(auth.session()))
                .thenCompose(q -> logic.call(l -> call.apply(l, q)))
                .thenApply(HistoryRoutes::answer);
    }

    private static ApiResponse answer(HistoryReply reply) {
        if (reply == null) {
            throw new BadRequest("logic gave no answer");
        }
        if (!reply.ok()) {
            return ApiResponse.fail(reply.message());
        }
        List<JsonNode> messages = new ArrayList<>(reply.messages().size());
        for (String text : reply.messages()) {
            try {
                messages.add(Json.MAPPER.readTree(text));
            } catch (IOException e) {
                throw new IllegalStateException("a stored message is not JSON", e);
            }
        }
        return ApiResponse.ok("ok", messages);
    }

    /** Optional page size; logic applies the default (50) and the cap (200). */
    private static int limit(JsonBody body) {
        JsonNode node = body.field("limit");
        if (node == null || node.isNull()) {
            return 0;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < 1) {
            throw new BadRequest("limit must be a positive number");
        }
        return node.intValue();
    }

    /** An optional message id, as a number or a string (JavaScript cannot hold 64-bit ids as numbers). */
    private static long optionalId(JsonBody body, String field) {
        JsonNode node = body.field(field);
        if (node == null || node.isNull() || (node.isTextual() && node.textValue().isBlank())) {
            return 0;
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return Math.max(node.longValue(), 0);
        }
        if (node.isTextual()) {
            try {
                return Math.max(Long.parseLong(node.textValue().trim()), 0);
            } catch (NumberFormatException e) {
                throw new BadRequest(field + " must be a message id");
            }
        }
        throw new BadRequest(field + " must be a message id");
    }
}
