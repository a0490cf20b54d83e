package io.gochat.logic.messages;

import io.gochat.cluster.ids.MessageIds;
import io.gochat.core.json.Json;
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
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sender recalls a message within the window: the stored body becomes a tombstone (gochat's fields, an
 * empty {@code msg}, {@code "type":"recalled"}), the recipient's pending copy is dropped, and an op 41
 * event goes to the other user (kept for their next connect when offline) and to the sender's devices, or
 * to the room. Blocking: runs on logic's worker pool.
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

    Recalls(UserDatabase db, MessageIds ids, EventQueue events, UnackedMessages unacked, Duration window,
            LongSupplier clock, io.gochat.logic.media.Uploads uploads) {
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
        if (row == null || row.fromUserId() != userId || !(row.op() == Ops.SINGLE || row.op() == Ops.ROOM)) {
            // the same answer whether the message does not exist or is someone else's: no probing
            return PushReply.refused("no message " + msgId + " of yours to recall");
        }
        Map<String, Object> body = parse(row.body());
        if (Boolean.TRUE.equals(body.get("recalled"))) {
            return PushReply.refused("message " + msgId + " is already recalled");
        }
        long now = clock.getAsLong();
        if (now - row.createdAt() > window.toMillis()) {
            return PushReply.refused("message " + msgId + " is older than the recall window ("
                    + window.toSeconds() + " s)");
        }
        Object fileId = body.get("body") instanceof Map<?, ?> typed ? typed.get("fileId") : null;
        body.put("msg", "");
        body.remove("body");
        body.put("type", "recalled");
        body.put("recalled", true);
        body.put("recalledAt", now);
        db.withMessages(m -> m.replaceBody(msgId, Json.write(body)));
        if (fileId instanceof String file) {
            uploads.revokeIfUnused(file, row.conversation());   // the recipients lose the file with the message
        }
        long eventId = ids.next();
        String event = event(eventId, row, now);
        if (row.op() == Ops.SINGLE) {
            unacked.ack(row.toUserId(), msgId, false);   // an offline recipient never gets the content
            events.toUsers(eventId, event, new long[] {row.toUserId(), row.fromUserId()}, new boolean[] {true, false});
        } else {
            events.toRoom(eventId, row.roomId(), event);
        }
        log.info("user {} recalled message {} in {}", userId, msgId, row.conversation());
        return PushReply.accepted();
    }

    /** {@code {"op":41,"msgId":E,"recalledId":M,"fromUserId":…,"toUserId":…,"roomId":…,"serverTime":…}} */
    private static String event(long eventId, MessageRow row, long now) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("op", Ops.RECALL);
        e.put("msgId", eventId);
        e.put("recalledId", row.id());
        e.put("fromUserId", row.fromUserId());
        e.put("toUserId", row.toUserId());
        e.put("roomId", row.roomId());
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
