package io.gochat.logic.security;

import io.gochat.core.ratelimit.KeyedLimiter;
import io.gochat.core.ratelimit.Rate;
import io.gochat.protocol.service.PushReply;
import java.util.List;

/**
 * Messages per user ({@code limit.push.user}), whichever way they come (HTTP or a socket, any connect
 * server): every push passes through logic with its sender, so this is the one place that sees them all.
 */
public final class PushLimit {
    private final KeyedLimiter<Long> perUser;

    public PushLimit(List<Rate> rates) {
        this.perUser = new KeyedLimiter<>(rates);
    }

    /** Null if {@code userId} may push now, else the refusal to answer. */
    public PushReply check(long userId) {
        long wait = perUser.tryAcquire(userId);
        return wait == 0 ? null : PushReply.refused(KeyedLimiter.tooMany(wait));
    }
}
