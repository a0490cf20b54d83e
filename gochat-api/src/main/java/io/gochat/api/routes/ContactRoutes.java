package io.gochat.api.routes;

import io.gochat.api.http.ApiResponse;
import io.gochat.api.http.Endpoint;
import io.gochat.api.http.JsonBody;
import io.gochat.api.http.LogicGateway;
import io.gochat.api.http.SessionGuard;
import io.gochat.cluster.rpc.RpcClientPool;
import io.gochat.protocol.service.ContactReply;
import io.gochat.protocol.service.ContactsService;
import io.gochat.protocol.service.FriendListReply;
import io.gochat.protocol.service.NoticeListReply;
import io.gochat.protocol.service.RequestListReply;
import io.gochat.protocol.service.UserListReply;
import io.javalin.config.RoutesConfig;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * {@code /contacts/*}: friend requests, the friend list, remarks, removal, blocks and stored notifications.
 * The token names the caller; logic checks it and every rule (who may answer which request, whose remark
 * is whose), so the api only reads fields.
 */
public final class ContactRoutes {
    static final int MAX_TEXT = 1000;

    private final RpcClientPool<ContactsService> contacts;

    public ContactRoutes(RpcClientPool<ContactsService> contacts) {
        this.contacts = contacts;
    }

    public void addTo(RoutesConfig routes) {
        routes.post("/contacts/request", Endpoint.of(b -> {
            String token = token(b);
            long to = PushFields.userId(b, "toUserId");
            String note = text(b, "note");
            return action(token, (c, t) -> c.requestFriend(t, to, note));
        }));
        routes.post("/contacts/answer", Endpoint.of(b -> {
            String token = token(b);
            long id = requestId(b);
            boolean accept = ContactFields.requiredBool(b, "accept");
            return action(token, (c, t) -> c.answerRequest(t, id, accept));
        }));
        routes.post("/contacts/requests", Endpoint.of(b -> {
            String token = token(b);
            String box = text(b, "box");
            return call(token, (c, t) -> c.requests(t, box),
                    (RequestListReply r) -> ContactAnswers.of(r.code(), r.message(), r.requests()));
        }));
        routes.post("/contacts/friends", Endpoint.of(b -> call(token(b), ContactsService::friends,
                (FriendListReply r) -> ContactAnswers.of(r.code(), r.message(), r.friends()))));
        routes.post("/contacts/remark", Endpoint.of(b -> {
            String token = token(b);
            long friend = PushFields.userId(b, "friendId");
            String remark = text(b, "remark");
            return action(token, (c, t) -> c.setRemark(t, friend, remark == null ? "" : remark));
        }));
        routes.post("/contacts/remove", Endpoint.of(b -> {
            String token = token(b);
            long friend = PushFields.userId(b, "friendId");
            boolean history = ContactFields.bool(b, "deleteHistory", false);
            return action(token, (c, t) -> c.removeFriend(t, friend, history));
        }));
        routes.post("/contacts/block", Endpoint.of(b -> {
            String token = token(b);
            long user = PushFields.userId(b, "userId");
            return action(token, (c, t) -> c.block(t, user));
        }));
        routes.post("/contacts/unblock", Endpoint.of(b -> {
            String token = token(b);
            long user = PushFields.userId(b, "userId");
            return action(token, (c, t) -> c.unblock(t, user));
        }));
        routes.post("/contacts/blocked", Endpoint.of(b -> call(token(b), ContactsService::blocked,
                (UserListReply r) -> ContactAnswers.of(r.code(), r.message(), r.users()))));
        routes.post("/contacts/notices", Endpoint.of(b -> {
            String token = token(b);
            long since = ContactFields.optionalId(b, "sinceId");
            int limit = ContactFields.optionalCount(b, "limit");
            return call(token, (c, t) -> c.notices(t, since, limit),
                    (NoticeListReply r) -> ContactAnswers.of(r.code(), r.message(), ContactAnswers.parsed(r.notices())));
        }));
    }

    interface Call<R> {
        CompletableFuture<R> on(ContactsService contacts, String token);
    }

    private CompletableFuture<ApiResponse> action(String token, Call<ContactReply> call) {
        return call(token, call, r -> ContactAnswers.of(r.code(), r.message(), null));
    }

    /** Asks logic once the token and every field were read (a bad field is answered without a call). */
    <R> CompletableFuture<ApiResponse> call(String token, Call<R> call, Function<R, ApiResponse> answer) {
        return LogicGateway.callAny(contacts, c -> call.on(c, token)).thenApply(r -> {
            ContactAnswers.present(r);
            return answer.apply(r);
        });
    }

    private static long requestId(JsonBody body) {
        long id = ContactFields.optionalId(body, "requestId");
        if (id <= 0) {
            throw new io.gochat.api.http.BadRequest("requestId is required (a friend request id)");
        }
        return id;
    }

    static String token(JsonBody body) {
        return body.text("authToken", SessionGuard.MAX_TOKEN_LENGTH);
    }

    /** An optional string; logic checks its length and characters. */
    static String text(JsonBody body, String field) {
        String value = body.optionalText(field);
        if (value != null && value.length() > MAX_TEXT) {
            throw new io.gochat.api.http.BadRequest(field + " is too long");
        }
        return value;
    }
}
