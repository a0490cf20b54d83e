package io.gochat.api.routes;

import com.fasterxml.jackson.databind.JsonNode;
import io.gochat.api.http.ApiResponse;
import io.gochat.api.http.BadRequest;
import io.gochat.api.http.Endpoint;
import io.gochat.api.http.JsonBody;
import io.gochat.api.http.ServiceGateway;
import io.gochat.api.http.SessionGuard;
import io.gochat.core.json.Json;
import io.gochat.protocol.service.GroupReply;
import io.gochat.protocol.service.GroupService;
import io.gochat.protocol.service.GroupSpec;
import io.gochat.protocol.service.HistoryQuery;
import io.gochat.protocol.service.HistoryReply;
import io.gochat.protocol.service.PushReply;
import io.gochat.protocol.service.SessionInfo;
import io.javalin.config.RoutesConfig;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;

/**
 * {@code /group/*}: groups with roles, their messages and history. Every route takes {@code authToken}; the
 * caller is the token's user, and every rule (member, admin, owner, banned, muted, full) is checked by
 * logic, which answers code 1 with the reason. Ids are numbers or strings.
 */
public final class GroupRoutes {
    private final ServiceGateway<GroupService> groups;
    private final SessionGuard sessions;

    public GroupRoutes(ServiceGateway<GroupService> groups, SessionGuard sessions) {
        this.groups = groups;
        this.sessions = sessions;
    }

    public void addTo(RoutesConfig routes) {
        action(routes, "/group/create", (b, s) -> g -> g.create(s.userId(), new GroupSpec(b.optionalText("name"),
                b.optionalText("avatar"), b.optionalText("notice"), b.optionalText("joinPolicy"), count(b, "memberLimit"))));
        action(routes, "/group/info", (b, s) -> g -> g.info(s.userId(), id(b, "groupId")));
        action(routes, "/group/search", (b, s) -> g -> g.search(s.userId(), b.text("query", 64), count(b, "limit")));
        action(routes, "/group/mine", (b, s) -> g -> g.mine(s.userId()));
        action(routes, "/group/members", (b, s) -> g -> g.members(s.userId(), id(b, "groupId")));
        action(routes, "/group/join", (b, s) -> g -> g.join(s.userId(), id(b, "groupId"), b.optionalText("note")));
        action(routes, "/group/requests", (b, s) -> g -> g.requests(s.userId(), id(b, "groupId")));
        action(routes, "/group/approve", (b, s) -> g -> g.decide(s.userId(), id(b, "groupId"), id(b, "userId"), true));
        action(routes, "/group/decline", (b, s) -> g -> g.decide(s.userId(), id(b, "groupId"), id(b, "userId"), false));
        action(routes, "/group/invite", (b, s) -> g -> g.invite(s.userId(), id(b, "groupId"), id(b, "userId")));
        action(routes, "/group/leave", (b, s) -> g -> g.leave(s.userId(), id(b, "groupId")));
        action(routes, "/group/kick", (b, s) -> g -> g.kick(s.userId(), id(b, "groupId"), id(b, "userId"), flag(b, "ban")));
        action(routes, "/group/bans", (b, s) -> g -> g.bans(s.userId(), id(b, "groupId")));
        action(routes, "/group/unban", (b, s) -> g -> g.unban(s.userId(), id(b, "groupId"), id(b, "userId")));
        action(routes, "/group/role", (b, s) -> g -> g.setRole(s.userId(), id(b, "groupId"), id(b, "userId"),
                b.text("role", 16)));
        action(routes, "/group/transfer", (b, s) -> g -> g.transfer(s.userId(), id(b, "groupId"), id(b, "userId")));
        action(routes, "/group/edit", (b, s) -> g -> g.edit(s.userId(), id(b, "groupId"), new GroupSpec(
                b.optionalText("name"), b.optionalText("avatar"), b.optionalText("notice"), b.optionalText("joinPolicy"), 0)));
        action(routes, "/group/mute", (b, s) -> g -> g.mute(s.userId(), id(b, "groupId"), id(b, "userId"), seconds(b)));
        action(routes, "/group/muteAll", (b, s) -> g -> g.muteAll(s.userId(), id(b, "groupId"), flag(b, "muted")));
        action(routes, "/group/nickname", (b, s) -> g -> g.nickname(s.userId(), id(b, "groupId"),
                b.optionalText("nickname")));
        action(routes, "/group/dissolve", (b, s) -> g -> g.dissolve(s.userId(), id(b, "groupId")));
        action(routes, "/group/notices", (b, s) -> g -> g.notices(s.userId(), optionalId(b, "sinceId"), count(b, "limit")));
        routes.post("/group/send", Endpoint.of(b -> sessions.check(b).thenCompose(auth -> {
            SessionInfo s = auth.session();
            long groupId = id(b, "groupId");
            String msg = b.text("msg", MAX_MSG);
            String clientMsgId = b.optionalText("clientMsgId");
            return groups.call(g -> clientMsgId == null ? g.send(s.userId(), s.userName(), groupId, msg)
                    : g.send(s.userId(), s.userName(), groupId, msg, clientMsgId));
        }).thenApply(GroupRoutes::sent)));
        routes.post("/group/history", Endpoint.of(b -> history(b, (s, g) -> g.history(
                new HistoryQuery(s.userId(), id(b, "groupId"), count(b, "limit"), optionalId(b, "beforeId"))))));
        routes.post("/group/since", Endpoint.of(b -> history(b, (s, g) -> g.since(s.userId(), id(b, "groupId"),
                optionalId(b, "sinceId"), count(b, "limit")))));
    }

    /** The message length logic accepts (checked again there, in characters). */
    static final int MAX_MSG = 4096;

    /** A call made for the token's user: the fields are read after the session is checked, as gochat does. */
    @FunctionalInterface
    private interface Action {
        java.util.function.Function<GroupService, CompletableFuture<GroupReply>> call(JsonBody body, SessionInfo session);
    }

    private void action(RoutesConfig routes, String path, Action action) {
        routes.post(path, Endpoint.of(b -> sessions.check(b)
                .thenCompose(auth -> groups.call(action.call(b, auth.session())))
                .thenApply(GroupRoutes::answer)));
    }

    private CompletableFuture<ApiResponse> history(JsonBody body,
                                                   BiFunction<SessionInfo, GroupService, CompletableFuture<HistoryReply>> call) {
        return sessions.check(body)
                .thenCompose(auth -> groups.call(g -> call.apply(auth.session(), g)))
                .thenApply(GroupRoutes::messages);
    }

    private static ApiResponse answer(GroupReply reply) {
        if (reply == null) {
            throw new BadRequest("logic gave no answer");
        }
        if (!reply.ok()) {
            return ApiResponse.fail(reply.message());
        }
        return ApiResponse.ok(reply.message(), reply.data() == null ? null : json(reply.data()));
    }

    private static ApiResponse sent(PushReply reply) {
        if (reply == null) {
            throw new BadRequest("logic gave no answer");
        }
        return reply.ok() ? ApiResponse.ok(reply.message(), null) : ApiResponse.fail(reply.message());
    }

    private static ApiResponse messages(HistoryReply reply) {
        if (reply == null) {
            throw new BadRequest("logic gave no answer");
        }
        if (!reply.ok()) {
            return ApiResponse.fail(reply.message());
        }
        List<JsonNode> out = new ArrayList<>(reply.messages().size());
        reply.messages().forEach(m -> out.add(json(m)));
        return ApiResponse.ok("ok", out);
    }

    private static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException("logic answered something that is not JSON", e);
        }
    }

    /** A required id, as a number or a string. */
    static long id(JsonBody body, String field) {
        long id = optionalId(body, field);
        if (id <= 0) {
            throw new BadRequest(field + " is required (a positive number)");
        }
        return id;
    }

    static long optionalId(JsonBody body, String field) {
        JsonNode node = body.field(field);
        if (node == null || node.isNull() || (node.isTextual() && node.textValue().isBlank())) {
            return 0;
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.longValue();
        }
        if (node.isTextual()) {
            try {
                return Long.parseLong(node.textValue().trim());
            } catch (NumberFormatException e) {
                throw new BadRequest(field + " must be a number");
            }
        }
        throw new BadRequest(field + " must be a number");
    }

    /** An optional non-negative count (limits); 0 when absent. */
    private static int count(JsonBody body, String field) {
        JsonNode node = body.field(field);
        if (node == null || node.isNull()) {
            return 0;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < 0) {
            throw new BadRequest(field + " must be a number of at least 0");
        }
        return node.intValue();
    }

    private static long seconds(JsonBody body) {
        JsonNode node = body.field("seconds");
        if (node == null || !node.isIntegralNumber() || !node.canConvertToLong()) {
            throw new BadRequest("seconds is required (0 unmutes)");
        }
        return node.longValue();
    }

    private static boolean flag(JsonBody body, String field) {
        JsonNode node = body.field(field);
        if (node == null || node.isNull()) {
            return false;
        }
        if (!node.isBoolean()) {
            throw new BadRequest(field + " must be true or false");
        }
        return node.booleanValue();
    }
}
