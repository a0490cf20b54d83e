package io.gochat.testkit;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polls a condition until a deadline instead of sleeping a fixed time. */
public final class Eventually {
    private Eventually() {
    }

    public static void await(Duration timeout, String what, BooleanSupplier condition) {
        await(timeout, () -> what, condition);
    }

    /** As above, with a description computed at failure time (to show the state that was reached). */
    public static void await(Duration timeout, Supplier<String> what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = 5;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for: " + what.get());
            }
            pause(pause);
            pause = Math.min(pause * 2, 100);
        }
    }

    /** Checks that {@code condition} stays true for the whole {@code period} (polled). */
    public static void holds(Duration period, String what, BooleanSupplier condition) {
        long end = System.nanoTime() + period.toNanos();
        while (System.nanoTime() - end < 0) {
            if (!condition.getAsBoolean()) {
                throw new AssertionError("stopped holding: " + what);
            }
            pause(50);
        }
    }

    /** Waits until {@code supplier} returns non-null and returns it. */
    public static <T> T awaitValue(Duration timeout, String what, Supplier<T> supplier) {
        Object[] holder = new Object[1];
        await(timeout, what, () -> (holder[0] = supplier.get()) != null);
        @SuppressWarnings("unchecked")
        T value = (T) holder[0];
        return value;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);   // polling interval, not a wait for an outcome
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted");
        }
    }
}
