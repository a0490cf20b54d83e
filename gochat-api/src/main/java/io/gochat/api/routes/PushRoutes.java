package io.gochat.api.routes;

import io.gochat.api.http.ApiResponse;
import io.gochat.api.http.BadRequest;
import io.gochat.api.http.Endpoint;
import io.gochat.api.http.JsonBody;
import io.gochat.api.http.LogicGateway;
import io.gochat.api.http.SessionGuard;
import io.gochat.common.protocol.Ops;
import io.gochat.common.service.PushReply;
import io.gochat.common.service.PushRequest;
import io.gochat.common.service.SessionInfo;
import io.javalin.config.RoutesConfig;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

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
        return send(body, s -> new PushRequest(s.userId(), s.userName(), Ops.SINGLE, PushFields.userId(body, "toUserId"),
                PushFields.optionalRoomId(body), body.text("msg", Integer.MAX_VALUE)), null);
    }

    private CompletableFuture<ApiResponse> pushRoom(JsonBody body) {
        return send(body, s -> new PushRequest(s.userId(), s.userName(), Ops.ROOM, 0, PushFields.roomId(body),
                body.text("msg", Integer.MAX_VALUE)), "");
    }

    private CompletableFuture<ApiResponse> roomOp(JsonBody body, int op) {
        return send(body, s -> new PushRequest(s.userId(), s.userName(), op, 0, PushFields.roomId(body), null), "");
    }

    /**
     * The session first (40000 for a bad token, as gochat's middleware), then the fields, then logic;
     * {@code okData} is what gochat answers as data.
     */
    private CompletableFuture<ApiResponse> send(JsonBody body, Function<SessionInfo, PushRequest> request,
                                                Object okData) {
        return sessions.check(body)
                .thenApply(auth -> request.apply(auth.session()))
                .thenCompose(push -> logic.call(l -> l.push(push)))
                .thenApply(reply -> answer(reply, okData));
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
