package io.gochat.redis.queue;

/** Fewer replicas than {@code redis.replicas} hold the queued messages: the caller must queue them again later. */
public final class QueueNotConfirmedException extends RuntimeException {
    public QueueNotConfirmedException(String message) {
        super(message);
    }
}
