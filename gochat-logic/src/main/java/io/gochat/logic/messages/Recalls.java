package io.gochat.logic.messages;

import io.gochat.cluster.ids.MessageIds;
import io.gochat.core.json.Json;
import io.gochat.cluster.ids.Snowflake;
import io.gochat.logic.groups.Role;
import io.gochat.logic.history.StoredMessage;
import io.gochat.logic.history.UnackedMessages;
import io.gochat.logic.storage.MessageMapper;
import io.gochat.logic.storage.MessageRow;
import io.gochat.logic.storage.UserDatabase;
import io.gochat.protocol.Ops;
import io.gochat.protocol.service.PushReply;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sender recalls a message within the window: the stored body becomes a tombstone (gochat's fields, an
 * empty {@code msg}, {@code "type":"recalled"}), the recipient's pending copy is dropped, and an op 41
 * event goes to the other user (kept for their next connect when offline) and to the sender's devices, or
 * to the room, or to the group (stored in its history, so members catch up on it). In a group an admin may
 * recall a member's message and the owner anyone's, at any time: like OpenIM, the window binds senders only
 * (moderation has no deadline). Blocking: runs on logic's worker pool.
 */
final class Recalls {
    private static final Logger log = LoggerFactory.getLogger(Recalls.class);

    private final UserDatabase db;
    private final MessageIds ids;
    private final EventQueue events;
    private final UnackedMessages unacked;
    private final Duration window;
    private final LongSupplier clock;
    private final io.gochat.logic.media.Uploads uploads;
    /** Stores a group's recall event in its history and queues it (the message writer). */
    private final Consumer<StoredMessage> groupEvents;

    Recalls(UserDatabase db, MessageIds ids, EventQueue events, UnackedMessages unacked, Duration window,
            LongSupplier clock, io.gochat.logic.media.Uploads uploads, Consumer<StoredMessage> groupEvents) {
        this.groupEvents = groupEvents;
        this.db = db;
        this.ids = ids;
        this.events = events;
        this.unacked = unacked;
        this.window = window;
        this.clock = clock;
        this.uploads = uploads;
    }

    PushReply recall(long userId, long msgId) {
        if (msgId <= 0) {
            return PushReply.refused("msgId is required");
        }
        MessageRow row = db.withMessages(m -> m.find(msgId));
        // the same answer whether the message does not exist or is someone else's: no probing
        String notYours = "no message " + msgId + " of yours to recall";
        if (row == null || !(row.op() == Ops.SINGLE || row.op() == Ops.ROOM || row.op() == Ops.GROUP)) {
            return PushReply.refused(notYours);
        }
        boolean asAdmin = false;
        if (row.op() == Ops.GROUP) {
            String refusal = groupRefusal(userId, row);
            if (refusal != null) {
                return PushReply.refused(refusal.isEmpty() ? notYours : refusal);
            }
            asAdmin = row.fromUserId() != userId;
        } else if (row.fromUserId() != userId) {
            return PushReply.refused(notYours);
        }
        Map<String, Object> body = parse(row.body());
        if (Boolean.TRUE.equals(body.get("recalled"))) {
            return PushReply.refused("message " + msgId + " is already recalled");
        }
        long now = clock.getAsLong();
        if (!asAdmin && now - row.createdAt() > window.toMillis()) {   // admins moderate: no window for them
            return PushReply.refused("message " + msgId + " is older than the recall window ("
                    + window.toSeconds() + " s)");
        }
        Object fileId = body.get("body") instanceof Map<?, ?> typed ? typed.get("fileId") : null;
        body.put("msg", "");
        body.remove("body");
        body.put("type", "recalled");
        body.put("recalled", true);
        body.put("recalledAt", now);
        if (asAdmin) {
            body.put("recalledBy", userId);
        }
        db.withMessages(m -> m.replaceBody(msgId, Json.write(body)));
        if (fileId instanceof String file) {
            uploads.revokeIfUnused(file, row.conversation());   // the recipients lose the file with the message
        }
        long eventId = ids.next();
        String event = event(eventId, row, now, userId);
        if (row.op() == Ops.SINGLE) {
            unacked.ack(row.toUserId(), msgId, false);   // an offline recipient never gets the content
            events.toUsers(eventId, event, new long[] {row.toUserId(), row.fromUserId()}, new boolean[] {true, false});
        } else if (row.op() == Ops.GROUP) {
            // kept in the group's history like a group event: members offline see it when they catch up
            groupEvents.accept(StoredMessage.groupMessage(eventId, Ops.GROUP_EVENT, userId, row.roomId(), event,
                    Snowflake.millisOf(eventId)));
        } else {
            events.toRoom(eventId, row.roomId(), event);
        }
        log.info("user {} recalled message {} in {}{}", userId, msgId, row.conversation(), asAdmin ? " as an admin" : "");
        return PushReply.accepted();
    }

    /**
     * Who may recall a group message: its sender, while still a member (within the window), or an admin or
     * the owner whose role is above the sender's current one (a sender who left counts as a member), at any
     * time. Null = may; "" = answer as for a message that is not yours; else the refusal.
     */
    private String groupRefusal(long userId, MessageRow row) {
        long groupId = row.roomId();
        return db.with(GroupChatMapper.class, m -> {
            Role mine = Role.of(m.role(groupId, userId));
            if (mine == null) {
                return "";
            }
            if (row.fromUserId() == userId) {
                return null;
            }
            Role sender = Role.of(m.role(groupId, row.fromUserId()));
            if (!mine.atLeast(Role.ADMIN)) {
                return "";
            }
            if (!mine.above(sender == null ? Role.MEMBER : sender)) {
                return "in group " + groupId + " you may recall only your own messages and those of members ranked below you";
            }
            return null;
        });
    }

    /** {@code {"op":41,"msgId":E,"recalledId":M,"fromUserId":…,"toUserId":…,"roomId":…,"serverTime":…}} */
    private static String event(long eventId, MessageRow row, long now, long by) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("op", Ops.RECALL);
        e.put("msgId", eventId);
        e.put("recalledId", row.id());
        e.put("fromUserId", row.fromUserId());
        e.put("toUserId", row.toUserId());
        if (row.op() == Ops.GROUP) {
            e.put("groupId", row.roomId());
            e.put("recalledBy", by);
        } else {
            e.put("roomId", row.roomId());
        }
        e.put("serverTime", now);
        return Json.write(e);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parse(String body) {
        try {
            return Json.MAPPER.readValue(body, LinkedHashMap.class);
        } catch (IOException e) {
            throw new IllegalStateException("a stored message is not JSON", e);
        }
    }
}
