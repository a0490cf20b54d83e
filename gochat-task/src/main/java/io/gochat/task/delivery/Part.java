package io.gochat.task.delivery;

import java.util.concurrent.CompletableFuture;

/**
 * One message handed to one connect server's lane. {@code done} completes with the {@link Outcome};
 * {@code settled} completes as soon as the part is delivered or is waiting on a server that is failing
 * (paused, dead, gone), so the consumer can read on while the retries go on in the background.
 */
public record Part(CompletableFuture<Outcome> done, CompletableFuture<Void> settled) {
    public static Part finished(Outcome outcome) {
        return new Part(CompletableFuture.completedFuture(outcome), CompletableFuture.completedFuture(null));
    }
}
