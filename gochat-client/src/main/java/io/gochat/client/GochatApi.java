package io.gochat.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gochat.client.internal.Frames;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * gochat's HTTP API ({@code api.port}, 7070): every route is a POST with a JSON body answered by the
 * envelope {@code {"code","message","data"}}. Every call is asynchronous; a non-zero code fails the
 * future with a {@link GochatApiException} carrying the server's code and sentence.
 */
public final class GochatApi {
    private static final ObjectMapper JSON = Frames.JSON;

    private final URI base;
    private final HttpClient http;
    private final Duration timeout;

    /**
     * @param base the API's address, e.g. {@code http://127.0.0.1:7070}
     */
    public GochatApi(URI base) {
        this(base, Duration.ofSeconds(10));
    }

    /**
     * @param base    the API's address
     * @param timeout the longest one request may take
     */
    public GochatApi(URI base, Duration timeout) {
        String text = base.toString();
        this.base = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** @return the API's address */
    public URI base() {
        return base;
    }

    /**
     * {@code /user/login}, then {@code /user/checkAuth} to learn the user's id.
     *
     * @param userName name
     * @param password password
     * @return the session
     */
    public CompletableFuture<Session> login(String userName, String password) {
        return post("/user/login", body("userName", userName, "passWord", password))
                .thenCompose(data -> session(data.asText()));
    }

    /**
     * {@code /user/register} (which also logs in), then {@code /user/checkAuth}.
     *
     * @param userName name (at most 20 characters)
     * @param password password (at most 64)
     * @return the new user's session
     */
    public CompletableFuture<Session> register(String userName, String password) {
        return post("/user/register", body("userName", userName, "passWord", password))
                .thenCompose(data -> session(data.asText()));
    }

    /**
     * {@code /user/checkAuth}: who owns a token.
     *
     * @param token an authToken
     * @return its session
     */
    public CompletableFuture<Session> session(String token) {
        return post("/user/checkAuth", body("authToken", token))
                .thenApply(d -> new Session(token, d.path("userId").asLong(), d.path("userName").asText()));
    }

    /**
     * {@code /user/logout}: the token is refused everywhere afterwards and its sockets are closed.
     *
     * @param token the session's token
     * @return done when logged out
     */
    public CompletableFuture<Void> logout(String token) {
        return post("/user/logout", body("authToken", token)).thenApply(d -> null);
    }

    /**
     * {@code /push/push}: a private message.
     *
     * @param token    sender's token
     * @param toUserId recipient
     * @param msg      text (at most 4096 characters)
     * @return the server's words: {@code ok} or {@code ok, stored for offline delivery}
     */
    public CompletableFuture<String> push(String token, long toUserId, String msg) {
        return postForMessage("/push/push", body("authToken", token, "toUserId", String.valueOf(toUserId), "msg", msg));
    }

    /**
     * {@code /push/pushRoom}: a room message.
     *
     * @param token  sender's token
     * @param roomId the room
     * @param msg    text
     * @return the server's words
     */
    public CompletableFuture<String> pushRoom(String token, long roomId, String msg) {
        return postForMessage("/push/pushRoom", body("authToken", token, "roomId", roomId, "msg", msg));
    }

    /**
     * {@code /push/count}: the room's online count is sent to the room as an op-4 frame.
     *
     * @param token  caller's token
     * @param roomId the room
     * @return done when accepted
     */
    public CompletableFuture<Void> requestCount(String token, long roomId) {
        return post("/push/count", body("authToken", token, "roomId", roomId)).thenApply(d -> null);
    }

    /**
     * {@code /push/getRoomInfo}: the member list is sent to the room as an op-5 frame.
     *
     * @param token  caller's token
     * @param roomId the room
     * @return done when accepted (fails when nobody is online there)
     */
    public CompletableFuture<Void> requestRoomInfo(String token, long roomId) {
        return post("/push/getRoomInfo", body("authToken", token, "roomId", roomId)).thenApply(d -> null);
    }

    /**
     * {@code /history/room}: the room's newest messages before an id, oldest first (members only).
     *
     * @param token    caller's token
     * @param roomId   the room
     * @param limit    page size (0 = server default 50, at most 200)
     * @param beforeId only older messages (0 = the newest)
     * @return the page
     */
    public CompletableFuture<List<Message>> roomHistory(String token, long roomId, int limit, long beforeId) {
        ObjectNode b = body("authToken", token, "roomId", roomId);
        page(b, limit, "beforeId", beforeId);
        return post("/history/room", b).thenApply(GochatApi::messages);
    }

    /**
     * {@code /history/private}: the conversation with one user, both directions, oldest first.
     *
     * @param token      caller's token
     * @param withUserId the other user
     * @param limit      page size (0 = default)
     * @param beforeId   only older messages (0 = the newest)
     * @return the page
     */
    public CompletableFuture<List<Message>> privateHistory(String token, long withUserId, int limit, long beforeId) {
        ObjectNode b = body("authToken", token, "withUserId", String.valueOf(withUserId));
        page(b, limit, "beforeId", beforeId);
        return post("/history/private", b).thenApply(GochatApi::messages);
    }

    /**
     * {@code /history/since}: private messages to the caller after an id, oldest first.
     *
     * @param token   caller's token
     * @param sinceId only newer messages (0 = from the start)
     * @param limit   page size (0 = default)
     * @return the page
     */
    public CompletableFuture<List<Message>> since(String token, long sinceId, int limit) {
        ObjectNode b = body("authToken", token);
        page(b, limit, "sinceId", sinceId);
        return post("/history/since", b).thenApply(GochatApi::messages);
    }

    /**
     * {@code /message/sync}: a conversation's messages after a sequence number, in seq order (issue #17: every
     * room, 1:1 chat and group numbers its messages; a client fills the gaps it sees with this). Only for a room
     * the caller is connected to, its own 1:1 chats, and groups it is a member of.
     *
     * @param token        caller's token
     * @param conversation {@code r:<roomId>}, {@code p:<userA>:<userB>} or {@code g:<groupId>}
     * @param afterSeq     the last number the caller has (0 = from the first message)
     * @param limit        page size (0 = server default 100, at most 500)
     * @return the page; ask again after its last message's seq while {@link SyncPage#hasMore()}
     */
    public CompletableFuture<SyncPage> sync(String token, String conversation, long afterSeq, int limit) {
        ObjectNode b = body("authToken", token, "conversation", conversation);
        if (afterSeq > 0) {
            b.put("afterSeq", afterSeq);
        }
        if (limit > 0) {
            b.put("limit", limit);
        }
        return post("/message/sync", b).thenApply(d -> {
            List<JsonNode> frames = new ArrayList<>();
            d.path("messages").forEach(frames::add);
            return new SyncPage(d.path("conversation").asText(conversation), d.path("lastSeq").asLong(),
                    d.path("hasMore").asBoolean(), frames);
        });
    }

    /**
     * {@code /group/send}: a message to a group.
     *
     * @param token   sender's token
     * @param groupId the group
     * @param msg     text
     * @return the server's words
     */
    public CompletableFuture<String> sendGroup(String token, long groupId, String msg) {
        return postForMessage("/group/send", body("authToken", token, "groupId", String.valueOf(groupId), "msg", msg));
    }

    /**
     * {@code /group/since}: a group's messages and events after an id, oldest first (members only): how a
     * client that was away catches up on a group.
     *
     * @param token   caller's token
     * @param groupId the group
     * @param sinceId only newer ones (0 = from the start)
     * @param limit   page size (0 = default 50, at most 200)
     * @return the frames as the socket carries them (op 30 messages, op 31 events)
     */
    public CompletableFuture<JsonNode> groupSince(String token, long groupId, long sinceId, int limit) {
        ObjectNode b = body("authToken", token, "groupId", String.valueOf(groupId));
        page(b, limit, "sinceId", sinceId);
        return post("/group/since", b);
    }

    /**
     * Any {@code /group/*} route (docs/protocol.md): create, info, search, mine, members, join, requests,
     * approve, decline, invite, leave, kick, bans, unban, role, transfer, edit, mute, muteAll, nickname,
     * dissolve, history, since, notices.
     *
     * @param token  caller's token
     * @param route  the name after {@code /group/}, e.g. {@code "create"}
     * @param fields the body's other fields as name, value pairs ({@code "groupId", 12L, "ban", true})
     * @return {@code data} of the answer (JSON null when there is none); a refusal fails the future with
     *         {@link GochatApiException} carrying the server's reason
     */
    public CompletableFuture<JsonNode> group(String token, String route, Object... fields) {
        Object[] all = new Object[fields.length + 2];
        all[0] = "authToken";
        all[1] = token;
        System.arraycopy(fields, 0, all, 2, fields.length);
        return post("/group/" + route, body(all));
    }

    private static void page(ObjectNode body, int limit, String idField, long id) {
        if (limit > 0) {
            body.put("limit", limit);
        }
        if (id > 0) {
            body.put(idField, String.valueOf(id));   // a string: ids are 64-bit
        }
    }

    private static List<Message> messages(JsonNode data) {
        List<Message> out = new ArrayList<>(data.size());
        for (JsonNode m : data) {
            out.add(Frames.message(m));
        }
        return out;
    }

    private CompletableFuture<String> postForMessage(String path, ObjectNode body) {
        return send(path, body).thenApply(envelope -> envelope.path("message").asText());
    }

    private CompletableFuture<JsonNode> post(String path, ObjectNode body) {
        return send(path, body).thenApply(envelope -> envelope.path("data"));
    }

    /** The whole envelope of a successful call; a non-zero code or no answer fails the future. */
    private CompletableFuture<JsonNode> send(String path, ObjectNode body) {
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build();
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                .handle((response, error) -> {
                    if (error != null) {
                        Throwable cause = error instanceof CompletionException && error.getCause() != null
                                ? error.getCause() : error;
                        throw new GochatApiException(GochatApiException.UNREACHABLE,
                                "no answer from " + base + path + ": " + cause);
                    }
                    JsonNode envelope;
                    try {
                        envelope = JSON.readTree(response.body());
                    } catch (IOException e) {
                        throw new GochatApiException(GochatApiException.UNREACHABLE,
                                base + path + " answered HTTP " + response.statusCode() + " without JSON");
                    }
                    int code = envelope.path("code").asInt(1);
                    if (code != 0) {
                        throw new GochatApiException(code, envelope.path("message").asText("failed"));
                    }
                    return envelope;
                });
    }

    private static ObjectNode body(Object... fields) {
        ObjectNode node = JSON.createObjectNode();
        for (int i = 0; i < fields.length; i += 2) {
            Object v = fields[i + 1];
            String k = (String) fields[i];
            if (v instanceof Long l) {
                node.put(k, l);
            } else if (v instanceof Integer n) {
                node.put(k, n);
            } else if (v instanceof Boolean flag) {
                node.put(k, flag);
            } else {
                node.put(k, v == null ? null : v.toString());
            }
        }
        return node;
    }
}
