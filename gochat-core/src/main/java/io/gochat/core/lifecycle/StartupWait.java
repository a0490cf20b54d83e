package io.gochat.core.lifecycle;

import io.gochat.core.config.CoreConfigKeys;
import io.gochat.core.config.GochatConfig;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start-up's patience with slow dependencies: each one (etcd, Redis, the database) is tried again with
 * backoff until it answers, with a progress line every few seconds naming what is awaited, and only the
 * one deadline of {@code startup.timeout} (counted from the first start-up step) ends the wait, with
 * one clear line. A dependency that is merely slow (a loaded machine, JIT at start) never fails start-up.
 */
public final class StartupWait {
    private static final Logger log = LoggerFactory.getLogger(StartupWait.class);
    static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);
    private static final long FIRST_BACKOFF_MS = 100;
    private static final long MAX_BACKOFF_MS = 2_000;

    /** One try to reach a dependency, which may take up to {@code budget} before it gives up. */
    @FunctionalInterface
    public interface Attempt<T> {
        T run(Duration budget) throws Exception;
    }

    private final Duration timeout;
    private final long deadlineNanos;

    public StartupWait(Duration timeout) {
        this.timeout = timeout;
        this.deadlineNanos = System.nanoTime() + timeout.toNanos();
    }

    public static StartupWait from(GochatConfig config) {
        return new StartupWait(config.duration(CoreConfigKeys.STARTUP_TIMEOUT));
    }

    public Duration timeout() {
        return timeout;
    }

    /** Time left before the deadline (zero once it passed). */
    public Duration remaining() {
        return Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime()));
    }

    /**
     * Runs {@code attempt} until it succeeds. Each try gets at most {@link #PROGRESS_EVERY} (or what is left),
     * so a progress line comes at least that often. Throws {@link StartupException} "etcd not reachable at
     * ADDRESS within 60s: reason" once the deadline passes.
     *
     * @param dependency what is awaited, e.g. "etcd"
     * @param address    where, e.g. "http://127.0.0.1:2379" (no secrets)
     */
    public <T> T until(String dependency, String address, Attempt<T> attempt) {
        String what = dependency + " at " + address;
        long started = System.nanoTime();
        long lastProgress = started;
        long backoff = FIRST_BACKOFF_MS;
        String lastProblem = "no answer";
        while (true) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                throw new StartupException(dependency + " not reachable at " + address + " within " + seconds(timeout)
                        + ": " + lastProblem);
            }
            Duration budget = Duration.ofNanos(Math.min(left, PROGRESS_EVERY.toNanos()));
            try {
                T result = attempt.run(budget);
                long waited = System.nanoTime() - started;
                if (waited > PROGRESS_EVERY.toNanos()) {
                    log.info("{} answered after {}", what, seconds(Duration.ofNanos(waited)));
                }
                return result;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StartupException("interrupted while waiting for " + what);
            } catch (StartupException e) {
                throw e;   // a problem no retry can fix (bad address, bad config)
            } catch (Exception e) {
                lastProblem = problem(e);
            }
            long now = System.nanoTime();
            if (now - lastProgress >= PROGRESS_EVERY.toNanos()) {
                lastProgress = now;
                log.info("waiting for {} ({} of {}): {}", what, seconds(Duration.ofNanos(now - started)),
                        seconds(timeout), lastProblem);
            }
            sleep(Math.min(backoff, Math.max(1, (deadlineNanos - System.nanoTime()) / 1_000_000)));
            backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);   // backoff between tries of an unreachable dependency, not a wait for a result
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupException("interrupted during start-up");
        }
    }

    static String problem(Throwable e) {
        if (e instanceof java.util.concurrent.TimeoutException) {
            return "no answer yet";
        }
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    private static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + "s" : String.format(java.util.Locale.ROOT, "%.1fs", ms / 1000.0);
    }
}
