package io.gochat.logic.history;

import io.gochat.redis.queue.MessageQueue;
import io.gochat.redis.queue.ReplicaConfirmation;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;

/**
 * After a batch is committed: private messages join their recipient's unacknowledged set and every
 * message goes on its conversation's partition of the queue to task, in commit order, in one Redis round trip.
 * With {@code redis.replicas} set, the round trip ends with a {@code WAIT}: a batch that no replica confirmed
 * (or that found no replica online, so nothing was written) throws, and stays in the outbox for the relay.
 */
public final class QueueAfterStore implements MessageWriter.AfterCommit {
    private final UnifiedJedis redis;
    private final MessageQueue queue;
    private final ReplicaConfirmation confirmation;

    public QueueAfterStore(UnifiedJedis redis, MessageQueue queue) {
        this(redis, queue, ReplicaConfirmation.none());
    }

    public QueueAfterStore(UnifiedJedis redis, MessageQueue queue, ReplicaConfirmation confirmation) {
        this.redis = redis;
        this.queue = queue;
        this.confirmation = confirmation;
    }

    @Override
    public void accept(List<StoredMessage> committed) {
        confirmation.ready();
        Set<String> written = new LinkedHashSet<>();
        List<Response<Long>> confirmed;
        try (AbstractPipeline p = redis.pipelined()) {
            for (StoredMessage m : committed) {
                if (m.isPrivate()) {
                    UnackedMessages.add(p, m.toUserId(), m.id(), m.body());
                    written.add(UnackedMessages.key(m.toUserId()));
                }
                written.add(queue.append(p, m.queued(), m.conversation()));
            }
            confirmed = confirmation.request(p, written);
            p.sync();
        }
        confirmation.verify(confirmed);
    }
}
