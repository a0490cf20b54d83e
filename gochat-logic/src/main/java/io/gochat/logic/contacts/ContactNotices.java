package io.gochat.logic.contacts;

import io.gochat.cluster.ids.MessageIds;
import io.gochat.cluster.ids.Snowflake;
import io.gochat.core.json.Json;
import io.gochat.logic.storage.UserDatabase;
import io.gochat.redis.queue.MessageQueue;
import io.gochat.redis.queue.QueuedMessage;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Contact notifications (ops 20–29) to one user: stored (so a user who was offline lists them later), then
 * queued like a private message, so task delivers them to every connection of the user on every connect
 * server. The body is {@code {"op":N,"noticeId":"…","serverTime":ms, …fields}}.
 */
public final class ContactNotices {
    private static final Logger log = LoggerFactory.getLogger(ContactNotices.class);

    private final UserDatabase db;
    private final MessageQueue queue;
    private final MessageIds ids;

    public ContactNotices(UserDatabase db, MessageQueue queue, MessageIds ids) {
        this.db = db;
        this.queue = queue;
        this.ids = ids;
    }

    /** Stores and queues; a failure is logged, never thrown: the action it tells of has happened. */
    public void send(long userId, int op, Map<String, Object> fields) {
        send(userId, op, fields, true);
    }

    /** Queues without storing: a passing state (a friend came online) that is stale by the next connect. */
    public void sendLive(long userId, int op, Map<String, Object> fields) {
        send(userId, op, fields, false);
    }

    private void send(long userId, int op, Map<String, Object> fields, boolean stored) {
        try {
            long id = ids.next();
            long now = Snowflake.millisOf(id);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("op", op);
            body.put("noticeId", Long.toString(id));   // a string: JavaScript cannot hold 64-bit ids as numbers
            body.put("serverTime", now);
            body.putAll(fields);
            String json = Json.write(body);
            if (stored) {
                db.with(NoticeMapper.class, m -> m.insert(id, userId, op, json, now));
            }
            queue.push(new QueuedMessage(op, id, userId, 0, json));
        } catch (RuntimeException e) {
            log.atWarn().addKeyValue("userId", userId).log("could not notify user {} (op {}): {}", userId, op, e.toString());
        }
    }
}
