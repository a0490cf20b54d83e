package io.gochat.redis.queue;

/** A partition of the queue holds {@code queue.maxLength} entries: the sender is told to retry (code 1). */
public final class QueueFullException extends RuntimeException {
    public QueueFullException(String message) {
        super(message);
    }
}
