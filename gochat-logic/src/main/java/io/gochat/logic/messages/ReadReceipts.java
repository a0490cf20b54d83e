package io.gochat.logic.messages;

import io.gochat.cluster.ids.MessageIds;
import io.gochat.core.json.Json;
import io.gochat.logic.history.StoredMessage;
import io.gochat.logic.storage.MessageRow;
import io.gochat.logic.storage.ReadStateMapper;
import io.gochat.logic.storage.UserDatabase;
import io.gochat.protocol.Ops;
import io.gochat.protocol.service.PushReply;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * "Read up to message X" in a 1:1 chat: stored per user and chat (it only moves forward), then an op 43
 * event to the other user (kept for their next connect) and to the reader's own connections, so every
 * device of the reader shows the chat as read. Groups: {@link GroupReceipts}.
 */
final class ReadReceipts {
    private final UserDatabase db;
    private final MessageIds ids;
    private final EventQueue events;

    ReadReceipts(UserDatabase db, MessageIds ids, EventQueue events) {
        this.db = db;
        this.ids = ids;
        this.events = events;
    }

    PushReply read(long userId, long withUserId, long upToId) {
        if (withUserId <= 0 || withUserId == userId) {
            return PushReply.refused("withUserId must be another user's id");
        }
        if (upToId <= 0) {
            return PushReply.refused("upToId is required");
        }
        String conversation = StoredMessage.privateConversation(userId, withUserId);
        MessageRow row = db.withMessages(m -> m.find(upToId));
        if (row == null || !row.conversation().equals(conversation)) {
            return PushReply.refused("no message " + upToId + " in your chat with user " + withUserId);
        }
        if (!advance(userId, conversation, upToId)) {
            return PushReply.accepted("ok, already read");
        }
        long eventId = ids.next();
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("op", Ops.READ);
        e.put("msgId", eventId);
        e.put("fromUserId", userId);
        e.put("withUserId", withUserId);
        e.put("upToId", upToId);
        events.toUsers(eventId, Json.write(e), new long[] {withUserId, userId}, new boolean[] {true, false});
        return PushReply.accepted();
    }

    /** Moves the user's read mark forward; false when it already was at or past {@code upToId}. */
    boolean advance(long userId, String conversation, long upToId) {
        return db.with(ReadStateMapper.class, m -> {
            if (m.advance(userId, conversation, upToId) > 0) {
                return true;
            }
            if (m.upTo(userId, conversation) != null) {
                return false;
            }
            try {
                return m.insert(userId, conversation, upToId) > 0;
            } catch (RuntimeException e) {
                if (UserDatabase.isDuplicateKey(e)) {
                    return m.advance(userId, conversation, upToId) > 0;   // another device at the same moment
                }
                throw e;
            }
        });
    }

    /** How far {@code userId} has read a conversation (0 = nothing). */
    long upToIn(long userId, String conversation) {
        Long v = db.with(ReadStateMapper.class, m -> m.upTo(userId, conversation));
        return v == null ? 0 : v;
    }

    /** How far {@code userId} has read the chat with {@code withUserId} (0 = nothing). */
    long upTo(long userId, long withUserId) {
        Long v = db.with(ReadStateMapper.class, m -> m.upTo(userId, StoredMessage.privateConversation(userId, withUserId)));
        return v == null ? 0 : v;
    }
}
