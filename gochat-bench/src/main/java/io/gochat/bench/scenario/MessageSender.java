package io.gochat.bench.scenario;

import java.util.concurrent.CompletableFuture;

/** Sends message number {@code seq} (its text carries the send time); completes with true if accepted. */
@FunctionalInterface
public interface MessageSender {
    CompletableFuture<Boolean> send(long seq);
}
