package io.gochat.api.routes;

import io.gochat.api.http.ApiResponse;
import io.gochat.api.http.BadRequest;
import io.gochat.api.http.Endpoint;
import io.gochat.api.http.JsonBody;
import io.gochat.api.http.LogicGateway;
import io.gochat.api.http.SessionGuard;
import io.gochat.protocol.Ops;
import io.gochat.protocol.service.PushReply;
import io.gochat.protocol.service.PushRequest;
import io.javalin.config.RoutesConfig;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * {@code /push/*}, as gochat: the sender is whoever owns the token; messages, counts and member lists
 * are delivered over the sockets, and the answer only says whether they were accepted.
 */
public final class PushRoutes {
    private final LogicGateway logic;
    private final SessionGuard sessions;

    public PushRoutes(LogicGateway logic, SessionGuard sessions) {
        this.logic = logic;
        this.sessions = sessions;
    }

    public void addTo(RoutesConfig routes) {
        routes.post("/push/push", Endpoint.of(this::push));
        routes.post("/push/pushRoom", Endpoint.of(this::pushRoom));
        routes.post("/push/count", Endpoint.of(b -> roomOp(b, Ops.ROOM_COUNT)));
        routes.post("/push/getRoomInfo", Endpoint.of(b -> roomOp(b, Ops.ROOM_INFO)));
    }

    private CompletableFuture<ApiResponse> push(JsonBody body) {
        return send(body, () -> new PushRequest(0, "", Ops.SINGLE, PushFields.userId(body, "toUserId"),
                PushFields.optionalRoomId(body), body.text("msg", Integer.MAX_VALUE), body.optionalText("clientMsgId")),
                null);
    }

    private CompletableFuture<ApiResponse> pushRoom(JsonBody body) {
        return send(body, () -> new PushRequest(0, "", Ops.ROOM, 0, PushFields.roomId(body),
                body.text("msg", Integer.MAX_VALUE), body.optionalText("clientMsgId")), "");
    }

    private CompletableFuture<ApiResponse> roomOp(JsonBody body, int op) {
        return send(body, () -> new PushRequest(0, "", op, 0, PushFields.roomId(body), null), "");
    }

    /**
     * One RPC: logic checks the token and pushes ({@link io.gochat.protocol.service.LogicService#pushAs}).
     * gochat checks the session before the fields, so when the fields are wrong the session is checked
     * first and a bad token still answers 40000. {@code okData} is what gochat answers as data.
     */
    private CompletableFuture<ApiResponse> send(JsonBody body, Supplier<PushRequest> request, Object okData) {
        String token = body.optionalTextOrNull("authToken");
        if (token == null || token.isEmpty() || token.length() > SessionGuard.MAX_TOKEN_LENGTH) {
            return CompletableFuture.failedFuture(new BadRequest(ApiResponse.sessionError()));
        }
        PushRequest push;
        try {
            push = request.get();
        } catch (BadRequest fieldError) {
            return sessions.check(body).thenApply(auth -> {
                throw fieldError;
            });
        }
        return logic.call(l -> l.pushAs(token, push)).thenApply(reply -> {
            if (reply != null && reply.code() == PushReply.SESSION_ERROR) {
                throw new BadRequest(ApiResponse.sessionError());
            }
            return answer(reply, okData);
        });
    }

    private static ApiResponse answer(PushReply reply, Object okData) {
        if (reply == null) {
            throw new BadRequest("logic gave no answer");
        }
        // the message says "ok", or e.g. "ok, stored for offline delivery" for a recipient who is offline
        return reply.ok() ? ApiResponse.ok(reply.message() == null ? "ok" : reply.message(), okData)
                : ApiResponse.fail(reply.message());
    }
}
