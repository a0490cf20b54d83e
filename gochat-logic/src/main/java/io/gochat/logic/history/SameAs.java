package io.gochat.logic.history;

/**
 * A draft that wants to know when {@link ClientIdDedupe} answers it as an earlier send with the same client
 * message id: {@code firstId} is that message's id (the one the sender should be told).
 */
public interface SameAs {
    void sameAs(long firstId);
}
