package io.gochat.api.http;

import io.javalin.config.Key;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bound on requests in flight (accepted, not yet answered). Handlers never park a thread while logic
 * works, so without it a burst would pile up answers-to-come without limit; with it, a request over the
 * bound is answered at once with code 1 "busy, retry" instead.
 */
public final class InFlightLimit {
    /** Where the api server keeps its limit for the handlers ({@code cfg.appData}). */
    public static final Key<InFlightLimit> KEY = new Key<>("gochat.inFlightLimit");
    private static final Logger log = LoggerFactory.getLogger(InFlightLimit.class);

    private final int limit;
    private final Semaphore permits;
    private final AtomicLong refused = new AtomicLong();

    public InFlightLimit(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("api.maxInFlight must be at least 1, got " + limit);
        }
        this.limit = limit;
        this.permits = new Semaphore(limit);
    }

    /** True if the request may go on; then {@link #leave} must follow once it is answered. */
    public boolean tryEnter() {
        if (permits.tryAcquire()) {
            return true;
        }
        long n = refused.incrementAndGet();
        if (Long.bitCount(n) == 1 || n % 1000 == 0) {   // 1, 2, 4, ... and every 1000th: no log flood
            log.warn("api busy: {} requests in flight, refused one ({} refused so far)", limit, n);
        }
        return false;
    }

    public void leave() {
        permits.release();
    }

    public ApiResponse busy() {
        return ApiResponse.fail("server busy (" + limit + " requests in flight), please retry");
    }

    /** Requests in flight now. */
    public int inFlight() {
        return limit - permits.availablePermits();
    }

    public long refused() {
        return refused.get();
    }
}
