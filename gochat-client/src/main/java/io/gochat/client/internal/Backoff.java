package io.gochat.client.internal;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential reconnect delays with jitter: attempt n waits a random time between half and all of
 * min·2ⁿ (capped at max), so clients dropped together by one dead server do not return in step.
 */
public final class Backoff {
    private final long minMs;
    private final long maxMs;

    public Backoff(Duration min, Duration max) {
        if (min.isNegative() || min.isZero() || max.compareTo(min) < 0) {
            throw new IllegalArgumentException("need 0 < min <= max, got " + min + " and " + max);
        }
        this.minMs = min.toMillis();
        this.maxMs = max.toMillis();
    }

    /** Delay before attempt {@code attempt} (0 = the first retry). */
    public long delayMillis(int attempt) {
        long ceiling = minMs << Math.min(Math.max(attempt, 0), 20);
        if (ceiling <= 0 || ceiling > maxMs) {
            ceiling = maxMs;
        }
        long floor = Math.max(ceiling / 2, 1);
        return floor + ThreadLocalRandom.current().nextLong(ceiling - floor + 1);
    }
}
