package io.gochat.logic.history;

import io.gochat.protocol.service.PushReply;
import io.gochat.redis.queue.MessageQueue;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Back-pressure from the queue, before anything is stored: a message whose conversation's partition already
 * holds {@code queue.maxLength} entries (task is behind or down) is refused with code 1 and a sentence saying
 * so, counted in {@code gochat_logic_queue_refused_total} and logged sparingly. Never a silent loss: what is
 * accepted is stored and queued; what is refused is neither, and the sender may retry.
 */
public final class QueueGate implements MessageWriter.Resolver {
    private static final Logger log = LoggerFactory.getLogger(QueueGate.class);

    private final MessageWriter.Resolver inner;
    private final MessageQueue queue;
    private final Counter refused;

    public QueueGate(MessageWriter.Resolver inner, MessageQueue queue, MeterRegistry metrics) {
        this.inner = inner;
        this.queue = queue;
        this.refused = Counter.builder("gochat.logic.queue.refused")
                .description("messages refused because their queue partition was full").register(metrics);
    }

    @Override
    public void resolve(java.util.List<Submission> batch) throws Exception {
        inner.resolve(batch);
        for (Submission s : batch) {
            if (!s.accepted()) {
                continue;
            }
            String busy = queue.refusal(s.message().conversation());
            if (busy != null) {
                s.refuse(PushReply.refused(busy));
                refused.increment();
                long n = (long) refused.count();
                if (Long.bitCount(n) == 1 || n % 1000 == 0) {   // 1, 2, 4, ... and every 1000th: no log flood
                    log.warn("queue full, message refused ({} refused so far): {}", n, busy);
                }
            }
        }
    }
}
