package io.gochat.logic.history;

import io.gochat.logic.storage.OutboxMapper;
import io.gochat.logic.storage.UserDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Queues the messages left in the outbox: stored, but not on the delivery queue because logic died, or Redis
 * failed, between the commit and the queue. Every few seconds (and at start) it takes the rows older than a
 * grace period (the message writer normally deletes them within milliseconds), hands the messages on as the
 * writer does (queue, unacknowledged set), then deletes the rows. Several logic servers may relay the same
 * rows at once: the message is then queued twice, with one {@code msgId}, and clients drop the duplicate.
 * It also forgets client message ids older than 7 days ({@link ClientIdDedupe}).
 */
public final class OutboxRelay implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    static final int PAGE = 1000;
    /** How long a sender's client message id keeps a retried send from being stored again. */
    static final long CLIENT_ID_RETENTION_MS = TimeUnit.DAYS.toMillis(7);

    private final UserDatabase db;
    private final MessageWriter.AfterCommit handOn;
    private final long graceMillis;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "outbox-relay");
        t.setDaemon(true);
        return t;
    });

    public OutboxRelay(UserDatabase db, MessageWriter.AfterCommit handOn, long graceMillis) {
        this.db = db;
        this.handOn = handOn;
        this.graceMillis = graceMillis;
    }

    /** Relays now and then every {@code period}. */
    public OutboxRelay start(long periodMillis) {
        timer.scheduleWithFixedDelay(this::relaySafely, 0, periodMillis, TimeUnit.MILLISECONDS);
        return this;
    }

    private void relaySafely() {
        try {
            relay();
            db.withClientIds(m -> m.deleteBefore(System.currentTimeMillis() - CLIENT_ID_RETENTION_MS));
        } catch (Exception e) {
            log.warn("outbox relay: {}; trying again later", e.toString());
        }
    }

    /** Queues what is left in the outbox; returns how many messages it queued. */
    public int relay() throws Exception {
        int total = 0;
        while (true) {
            long before = System.currentTimeMillis() - graceMillis;
            List<Map<String, Object>> rows = db.withOutbox(m -> m.leftBefore(before, PAGE));
            if (rows.isEmpty()) {
                break;
            }
            List<StoredMessage> messages = new ArrayList<>(rows.size());
            for (Map<String, Object> r : rows) {
                messages.add(new StoredMessage(num(r, "id"), (String) value(r, "conversation"), num(r, "from_user_id"),
                        num(r, "to_user_id"), num(r, "room_id"), (int) num(r, "op"), (String) value(r, "body"),
                        num(r, "created_at")));
            }
            handOn.accept(messages);
            clear(db, messages);
            total += messages.size();
            if (rows.size() < PAGE) {
                break;
            }
        }
        if (total > 0) {
            log.info("outbox relay queued {} stored messages that had not reached the delivery queue", total);
        }
        return total;
    }

    /** The messages are on the queue: their outbox rows go (a failure only means the relay queues them again). */
    static void clear(UserDatabase db, List<StoredMessage> messages) {
        List<Long> ids = new ArrayList<>(messages.size());
        messages.forEach(m -> ids.add(m.id()));
        try {
            for (int i = 0; i < ids.size(); i += PAGE) {
                List<Long> page = ids.subList(i, Math.min(ids.size(), i + PAGE));
                db.withOutbox((OutboxMapper m) -> m.delete(page));
            }
        } catch (RuntimeException e) {
            log.warn("could not clear {} outbox rows (the relay will queue those messages again): {}", ids.size(),
                    e.toString());
        }
    }

    private static Object value(Map<String, Object> row, String column) {
        Object v = row.get(column);
        return v != null ? v : row.get(column.toUpperCase(java.util.Locale.ROOT));
    }

    private static long num(Map<String, Object> row, String column) {
        return ((Number) value(row, column)).longValue();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
