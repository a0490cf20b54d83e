package io.gochat.logic.messages;

import io.gochat.cluster.ids.MessageIds;
import io.gochat.core.json.Json;
import io.gochat.core.ratelimit.KeyedLimiter;
import io.gochat.core.ratelimit.Rate;
import io.gochat.logic.message.PrivateMessageRules;
import io.gochat.protocol.Ops;
import io.gochat.protocol.service.PushReply;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * "typing" / "stopped" in a 1:1 chat: an op 42 event to the other user's connections, never stored and
 * never kept for an offline user; at most {@code limit.typing} per user. Only to a user who accepts the
 * sender's private messages (contacts' blocks and friends-only policy).
 */
final class TypingEvents {
    private final MessageIds ids;
    private final EventQueue events;
    private final KeyedLimiter<Long> limiter;
    private final PrivateMessageRules rules;

    TypingEvents(MessageIds ids, EventQueue events, List<Rate> limit, PrivateMessageRules rules) {
        this.ids = ids;
        this.events = events;
        this.limiter = new KeyedLimiter<>(limit);
        this.rules = rules;
    }

    PushReply typing(long userId, String userName, long toUserId, boolean typing) {
        if (toUserId <= 0 || toUserId == userId) {
            return PushReply.refused("toUserId must be another user's id");
        }
        long wait = limiter.tryAcquire(userId);
        if (wait > 0) {
            return PushReply.refused(KeyedLimiter.tooMany(wait));
        }
        PrivateMessageRules.Pair pair = new PrivateMessageRules.Pair(userId, toUserId);
        String refusal = rules.refusals(List.of(pair)).get(pair);
        if (refusal != null) {
            return PushReply.refused(refusal);
        }
        long eventId = ids.next();
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("op", Ops.TYPING);
        e.put("fromUserId", userId);
        e.put("fromUserName", userName);
        e.put("toUserId", toUserId);
        e.put("typing", typing);
        events.toUsers(eventId, Json.write(e), new long[] {toUserId}, new boolean[] {false});
        return PushReply.accepted();
    }
}
