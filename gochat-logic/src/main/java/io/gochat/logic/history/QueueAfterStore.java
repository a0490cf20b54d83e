package io.gochat.logic.history;

import io.gochat.redis.queue.MessageQueue;
import java.util.List;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.AbstractPipeline;

/**
 * After a batch is committed: private messages join their recipient's unacknowledged set and every
 * message goes on its conversation's partition of the queue to task, in commit order, in one Redis round trip.
 */
public final class QueueAfterStore implements MessageWriter.AfterCommit {
    private final UnifiedJedis redis;
    private final MessageQueue queue;

    public QueueAfterStore(UnifiedJedis redis, MessageQueue queue) {
        this.redis = redis;
        this.queue = queue;
    }

    @Override
    public void accept(List<StoredMessage> committed) {
        try (AbstractPipeline p = redis.pipelined()) {
            for (StoredMessage m : committed) {
                if (m.isPrivate()) {
                    UnackedMessages.add(p, m.toUserId(), m.id(), m.body());
                }
                queue.append(p, m.queued(), m.conversation());
            }
            p.sync();
        }
    }
}
