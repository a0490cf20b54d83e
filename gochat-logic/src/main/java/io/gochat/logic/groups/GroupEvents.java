package io.gochat.logic.groups;

import io.gochat.cluster.ids.MessageIds;
import io.gochat.cluster.ids.Snowflake;
import io.gochat.core.json.Json;
import io.gochat.logic.history.MessageWriter;
import io.gochat.logic.history.StoredMessage;
import io.gochat.logic.storage.UserDatabase;
import io.gochat.protocol.Ops;
import io.gochat.protocol.service.Delivery;
import io.gochat.redis.queue.MessageQueue;
import io.gochat.redis.queue.QueuedMessage;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends group events once a change is committed. An event about the group (someone joined, left, was
 * kicked, a role, the card, a mute) is stored in the group's history and goes to every member online, like
 * a group message; an event for one user (added, removed, a join request for an admin, a decision) is
 * stored as that user's notice and goes to the user's connections, telling the connect servers that the
 * user's membership changed. Calls are made in the order the events must arrive. A failure to send is
 * logged: the change itself stands.
 */
final class GroupEvents {
    private static final Logger log = LoggerFactory.getLogger(GroupEvents.class);
    private static final long STORE_WAIT_SECONDS = 5;

    private final UserDatabase db;
    private final MessageWriter store;
    private final MessageQueue queue;
    private final MessageIds ids;

    GroupEvents(UserDatabase db, MessageWriter store, MessageQueue queue, MessageIds ids) {
        this.db = db;
        this.store = store;
        this.queue = queue;
        this.ids = ids;
    }

    /** To every member online; kept in the group's history (members catch up on it). */
    void toGroup(GroupEvent event, long actorId) {
        try {
            long id = ids.next();
            long now = Snowflake.millisOf(id);
            String body = Json.write(event.stamped(id, now));
            store.write(StoredMessage.groupMessage(id, Ops.GROUP_EVENT, actorId, event.groupId(), body, now))
                    .get(STORE_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            failed(event, e);
        }
    }

    /**
     * To one user: stored as a notice, and sent to the user's connections when {@code live}.
     *
     * @param membership {@link Delivery#JOINED}, {@link Delivery#LEFT} or 0
     */
    void toUser(long userId, GroupEvent event, int membership, boolean live) {
        try {
            long id = ids.next();
            long now = Snowflake.millisOf(id);
            String body = Json.write(event.stamped(id, now));
            db.with(GroupMapper.class, m -> m.insertNotice(id, userId, event.groupId(), body, now));
            if (live || membership != 0) {
                queue.push(QueuedMessage.toUser(Ops.GROUP_EVENT, id, userId, event.groupId(), membership, body));
            }
        } catch (Exception e) {
            failed(event, e);
        }
    }

    /** The group is gone: every member online is told (and the connect servers forget it); each member keeps a notice. */
    void dissolved(GroupEvent event, List<Long> members) {
        try {
            long id = ids.next();
            long now = Snowflake.millisOf(id);
            String body = Json.write(event.stamped(id, now));
            db.inTransaction(GroupMapper.class, m -> {
                for (long member : members) {
                    m.insertNotice(id, member, event.groupId(), body, now);
                }
                return null;
            });
            queue.push(QueuedMessage.toGroup(Ops.GROUP_EVENT, id, event.groupId(), body, Delivery.LEFT));
        } catch (Exception e) {
            failed(event, e);
        }
    }

    private static void failed(GroupEvent event, Exception e) {
        Throwable t = e.getCause() != null && e instanceof java.util.concurrent.ExecutionException ? e.getCause() : e;
        log.warn("group {} event {} not sent: {}", event.groupId(), event.event(), t.toString());
    }
}
