package io.gochat.logic.groups;

import io.gochat.cluster.ids.IdsUnavailableException;
import io.gochat.cluster.ids.MessageIds;
import io.gochat.cluster.ids.Snowflake;
import io.gochat.core.json.Json;
import io.gochat.logic.history.MessageWriter;
import io.gochat.logic.history.StoredMessage;
import io.gochat.logic.message.MessagePublisher;
import io.gochat.logic.storage.UserDatabase;
import io.gochat.protocol.Ops;
import io.gochat.protocol.service.PushReply;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongFunction;

/**
 * A message to a group: the sender must be a member, not muted, and the group not muted (unless the sender
 * is an admin); then it gets an id and its body and goes to the message store, which stores it (conversation
 * {@code g:<groupId>}) before queuing it for every member online.
 */
final class GroupMessages {
    private static final DateTimeFormatter CREATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private final UserDatabase db;
    private final MessageWriter store;
    private final MessageIds ids;
    private final LongFunction<PushReply> senderCheck;

    /** @param senderCheck the per-user rate limit shared with private and room messages (null = accept) */
    GroupMessages(UserDatabase db, MessageWriter store, MessageIds ids, LongFunction<PushReply> senderCheck) {
        this.db = db;
        this.store = store;
        this.ids = ids;
        this.senderCheck = senderCheck;
    }

    /** Checks (blocking: the database), then hands the message to the store; the answer comes once it is queued. */
    CompletableFuture<PushReply> send(long userId, String userName, long groupId, String msg) {
        String problem = problem(msg);
        if (problem != null) {
            return done(PushReply.refused(problem));
        }
        PushReply limited = senderCheck.apply(userId);
        if (limited != null) {
            return done(limited);
        }
        long now = System.currentTimeMillis();
        MemberRow sender = db.with(GroupMapper.class, m -> m.sender(groupId, userId));
        if (sender == null) {   // the second read only on the way to a refusal: which one
            try {
                db.with(GroupMapper.class, m -> GroupAccess.member(m, GroupAccess.group(m, groupId), userId));
            } catch (Refused r) {
                return done(PushReply.refused(r.getMessage()));
            }
            return done(PushReply.refused("you are not a member of group " + groupId));
        }
        if (sender.mutedUntil > now) {
            return done(PushReply.refused("you are muted in group " + groupId + " for "
                    + Math.max(1, (sender.mutedUntil - now + 999) / 1000) + " more seconds"));
        }
        if (sender.groupMuted != 0 && !sender.role().atLeast(Role.ADMIN)) {
            return done(PushReply.refused("group " + groupId + " is muted: only admins may send"));
        }
        long id;
        try {
            id = ids.next();
        } catch (IdsUnavailableException e) {
            return done(PushReply.refused(e.getMessage()));
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
        return store.submit(StoredMessage.groupMessage(id, Ops.GROUP, userId, groupId, Json.write(body), at));
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
