package io.gochat.core.ratelimit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.local.LocalBucketBuilder;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Token buckets (Bucket4j, lock-free) per key: an IP address, a user id, an account name. The map is
 * bounded: past {@code maxKeys} the buckets that are full again (idle keys) are dropped first; if every
 * key is busy the map is cleared (an attacker with that many addresses gets a fresh start, but memory
 * stays bounded). Limits are per process: N servers of a role allow up to N times as much.
 */
public final class KeyedLimiter<K> {
    static final int DEFAULT_MAX_KEYS = 100_000;

    private final List<Rate> rates;
    private final int maxKeys;
    private final Map<K, Bucket> buckets = new ConcurrentHashMap<>();

    public KeyedLimiter(List<Rate> rates) {
        this(rates, DEFAULT_MAX_KEYS);
    }

    public KeyedLimiter(List<Rate> rates, int maxKeys) {
        this.rates = List.copyOf(rates);
        this.maxKeys = maxKeys;
    }

    /** Off: every request passes. */
    public boolean off() {
        return rates.isEmpty();
    }

    /** Takes one token; 0 if allowed, else how many nanoseconds until one is available. */
    public long tryAcquire(K key) {
        if (off()) {
            return 0;
        }
        ConsumptionProbe probe = bucket(key).tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? 0 : Math.max(1, probe.getNanosToWaitForRefill());
    }

    /** Like {@link #tryAcquire} without taking anything: 0 if a token is there now. */
    public long peek(K key) {
        if (off()) {
            return 0;
        }
        Bucket b = buckets.get(key);
        if (b == null) {
            return 0;
        }
        return b.estimateAbilityToConsume(1).canBeConsumed() ? 0
                : Math.max(1, b.estimateAbilityToConsume(1).getNanosToWaitForRefill());
    }

    /** Takes one token even when none is left (a failure that already happened is always counted). */
    public void charge(K key) {
        if (!off()) {
            bucket(key).consumeIgnoringRateLimits(1);
        }
    }

    /** Forgets the key (e.g. a correct password ends the lockout). */
    public void reset(K key) {
        buckets.remove(key);
    }

    public int size() {
        return buckets.size();
    }

    private Bucket bucket(K key) {
        Bucket b = buckets.get(key);
        if (b != null) {
            return b;
        }
        if (buckets.size() >= maxKeys) {
            trim();
        }
        return buckets.computeIfAbsent(key, k -> newBucket());
    }

    private synchronized void trim() {
        if (buckets.size() < maxKeys) {
            return;
        }
        long full = rates.stream().mapToLong(Rate::count).min().orElse(1);
        buckets.values().removeIf(b -> b.getAvailableTokens() >= full);
        if (buckets.size() >= maxKeys) {
            buckets.clear();
        }
    }

    private Bucket newBucket() {
        LocalBucketBuilder builder = Bucket.builder();
        for (Rate r : rates) {
            builder.addLimit(Bandwidth.builder().capacity(r.count()).refillGreedy(r.count(), r.period()).build());
        }
        return builder.build();
    }

    /** The answer a limited client gets: {@code too many requests, retry in N s}. */
    public static String tooMany(long nanosToWait) {
        return "too many requests, retry in " + retrySeconds(nanosToWait) + " s";
    }

    /** Whole seconds to wait, at least 1. */
    public static long retrySeconds(long nanosToWait) {
        return Math.max(1, (nanosToWait + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1));
    }
}
