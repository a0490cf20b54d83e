package io.gochat.logic.groups;

import io.gochat.cluster.ids.IdsUnavailableException;
import io.gochat.cluster.ids.MessageIds;
import io.gochat.cluster.ids.Snowflake;
import io.gochat.core.json.Json;
import io.gochat.logic.history.MessageWriter;
import io.gochat.logic.history.StampedDraft;
import io.gochat.logic.history.StoredMessage;
import io.gochat.logic.message.MessagePublisher;
import io.gochat.logic.storage.UserDatabase;
import io.gochat.protocol.Ops;
import io.gochat.protocol.service.PushReply;
import io.gochat.protocol.service.SendReply;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongFunction;

/**
 * A message to a group, plain text or typed: the sender must be a member, not muted, and the group not muted
 * (unless the sender is an admin); then it gets an id and its body (a typed one with {@code type} and
 * {@code body} after the text fields) and goes to the message store, which stores it (conversation
 * {@code g:<groupId>}) before queuing it for every member online. A client message id makes a retried send
 * stored once ({@link io.gochat.logic.history.ClientIdDedupe}).
 */
public final class GroupMessages {
    private static final DateTimeFormatter CREATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private final UserDatabase db;
    private final MessageWriter store;
    private final MessageIds ids;
    private final LongFunction<PushReply> senderCheck;

    /** @param senderCheck the per-user rate limit shared with private and room messages (null = accept) */
    public GroupMessages(UserDatabase db, MessageWriter store, MessageIds ids, LongFunction<PushReply> senderCheck) {
        this.db = db;
        this.store = store;
        this.ids = ids;
        this.senderCheck = senderCheck;
    }

    /** Checks (blocking: the database), then hands the message to the store; the answer comes once it is queued. */
    CompletableFuture<PushReply> send(long userId, String userName, long groupId, String msg) {
        return send(userId, userName, groupId, msg, null);
    }

    CompletableFuture<PushReply> send(long userId, String userName, long groupId, String msg, String clientMsgId) {
        String problem = problem(msg);
        if (problem == null) {
            problem = clientIdProblem(clientMsgId);
        }
        if (problem != null) {
            return done(PushReply.refused(problem));
        }
        return sendChecked(userId, userName, groupId, msg, null, clientMsgId, null)
                .thenApply(r -> new PushReply(r.code(), r.message()));
    }

    /**
     * A typed message (its body already checked; {@code preview} is its text for clients that know no types).
     * {@code beforeStore} runs once the sender may send, before the message is stored (granting its file to
     * the group). Blocking (the database).
     */
    public CompletableFuture<SendReply> sendTyped(long userId, String userName, long groupId, String type,
                                                  Map<String, Object> typedBody, String preview, String clientMsgId,
                                                  Runnable beforeStore) {
        String problem = clientIdProblem(clientMsgId);
        if (problem != null) {
            return CompletableFuture.completedFuture(SendReply.refused(problem));
        }
        Map<String, Object> typed = new LinkedHashMap<>();
        typed.put("type", type);
        typed.put("body", typedBody);
        return sendChecked(userId, userName, groupId, preview, typed, clientMsgId, beforeStore);
    }

    /** The sender's member row, or the refusal: not a member (or no group), muted, the group muted. */
    private PushReply senderRefusal(MemberRow sender, long userId, long groupId, long now) {
        if (sender == null) {   // the second read only on the way to a refusal: which one
            try {
                db.with(GroupMapper.class, m -> GroupAccess.member(m, GroupAccess.group(m, groupId), userId));
            } catch (Refused r) {
                return PushReply.refused(r.getMessage());
            }
            return PushReply.refused("you are not a member of group " + groupId);
        }
        if (sender.mutedUntil > now) {
            return PushReply.refused("you are muted in group " + groupId + " for "
                    + Math.max(1, (sender.mutedUntil - now + 999) / 1000) + " more seconds");
        }
        if (sender.groupMuted != 0 && !sender.role().atLeast(Role.ADMIN)) {
            return PushReply.refused("group " + groupId + " is muted: only admins may send");
        }
        return null;
    }

    private CompletableFuture<SendReply> sendChecked(long userId, String userName, long groupId, String msg,
                                                     Map<String, Object> typed, String clientMsgId, Runnable beforeStore) {
        PushReply limited = senderCheck.apply(userId);
        if (limited != null) {
            return CompletableFuture.completedFuture(SendReply.of(limited, 0));
        }
        long now = System.currentTimeMillis();
        MemberRow sender = db.with(GroupMapper.class, m -> m.sender(groupId, userId));
        PushReply refused = senderRefusal(sender, userId, groupId, now);
        if (refused != null) {
            return CompletableFuture.completedFuture(SendReply.of(refused, 0));
        }
        long id;
        try {
            id = ids.next();
        } catch (IdsUnavailableException e) {
            return CompletableFuture.completedFuture(SendReply.refused(e.getMessage()));
        }
        if (beforeStore != null) {
            beforeStore.run();
        }
        long at = Snowflake.millisOf(id);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", 0);
        body.put("msg", msg);
        body.put("fromUserId", userId);
        body.put("fromUserName", userName);
        body.put("nickname", sender.nickname == null ? "" : sender.nickname);
        body.put("groupId", groupId);
        body.put("op", Ops.GROUP);
        body.put("createTime", CREATE_TIME.format(Instant.ofEpochMilli(at)));
        body.put("msgId", id);
        body.put("serverTime", at);
        if (typed != null) {
            body.putAll(typed);
        }
        StampedDraft draft = new StampedDraft(StoredMessage.groupMessage(id, Ops.GROUP, userId, groupId,
                Json.write(body), at), clientMsgId);
        return store.submit(draft).thenApply(reply -> SendReply.of(reply, draft.storedId()));
    }

    private static String clientIdProblem(String clientMsgId) {
        if (clientMsgId != null && (clientMsgId.isBlank() || clientMsgId.length() > MessagePublisher.MAX_CLIENT_MSG_ID)) {
            return "clientMsgId must be 1 to " + MessagePublisher.MAX_CLIENT_MSG_ID + " characters";
        }
        return null;
    }

    private static String problem(String msg) {
        if (msg == null || msg.isBlank()) {
            return "msg is required";
        }
        if (msg.codePointCount(0, msg.length()) > MessagePublisher.MAX_MESSAGE_CHARS) {
            return "msg must be at most " + MessagePublisher.MAX_MESSAGE_CHARS + " characters";
        }
        return null;
    }

    private static CompletableFuture<PushReply> done(PushReply reply) {
        return CompletableFuture.completedFuture(reply);
    }
}
