package io.gochat.logic.security;

import io.gochat.core.ratelimit.KeyedLimiter;
import io.gochat.core.ratelimit.Rate;
import java.util.List;

/**
 * Wrong passwords per account ({@code limit.loginFailures.account}, e.g. {@code 5/1m,20/1h}): each
 * failure takes a token; with none left the account's logins are refused before any password is hashed,
 * until a token refills. Several limits make a backoff: after 5 quick failures one try per 12 s, after
 * 20 one per 3 min. A correct password clears the account's record. Keyed by the normalised name, so
 * case or width variants share one lock.
 */
public final class LoginLockout {
    private final KeyedLimiter<String> failures;

    public LoginLockout(List<Rate> rates) {
        this.failures = new KeyedLimiter<>(rates);
    }

    /** 0 if the account may try now, else nanoseconds until it may. */
    public long lockedFor(String accountKey) {
        return failures.peek(accountKey);
    }

    public void failed(String accountKey) {
        failures.charge(accountKey);
    }

    public void succeeded(String accountKey) {
        failures.reset(accountKey);
    }
}
