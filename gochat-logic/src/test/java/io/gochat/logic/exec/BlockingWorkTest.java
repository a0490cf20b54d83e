package io.gochat.logic.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BlockingWorkTest {
    @Test
    void whenTheQueueIsFullACallFailsAtOnceWithAClearMessage() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (BlockingWork work = new BlockingWork("test", 1, 1)) {
            CompletableFuture<String> running = work.submit("a", () -> await(release));
            CompletableFuture<String> queued = work.submit("b", () -> "b");
            CompletableFuture<String> refused = work.submit("c", () -> "c");

            ExecutionException e = assertThrows(ExecutionException.class, () -> refused.get(1, TimeUnit.SECONDS));
            assertTrue(e.getCause() instanceof RejectedExecutionException);
            assertTrue(e.getCause().getMessage().contains("overloaded"), e.getCause().getMessage());

            release.countDown();
            assertEquals("a", running.get(5, TimeUnit.SECONDS));
            assertEquals("b", queued.get(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void whenTheWorkAlreadyQueuedWouldOutlastTheBudgetANewCallIsRefusedAtOnce() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (BlockingWork work = new BlockingWork("test", 1, 16).limitWaitTo(java.time.Duration.ofMillis(1000))) {
            work.submit("slow", () -> pause(400)).get(5, TimeUnit.SECONDS);   // one piece takes about 400 ms
            CompletableFuture<String> running = work.submit("a", () -> await(release));
            CompletableFuture<String> queued = work.submit("b", () -> "b");   // would end about 800 ms from now: fits
            CompletableFuture<String> refused = work.submit("c", () -> "c");  // about 1,200 ms: does not

            assertTrue(refused.isCompletedExceptionally(), () -> "refused at once, not after waiting; queued " + work.queued() + ", " + work);
            ExecutionException e = assertThrows(ExecutionException.class, () -> refused.get(1, TimeUnit.SECONDS));
            assertTrue(e.getCause() instanceof RejectedExecutionException, e.toString());
            release.countDown();
            assertEquals("a", running.get(5, TimeUnit.SECONDS));
            assertEquals("b", queued.get(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void aCallThatWaitedPastItsBudgetIsRefusedWhenItsTurnComesAndNeverRuns() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean ran = new java.util.concurrent.atomic.AtomicBoolean();
        try (BlockingWork work = new BlockingWork("test", 1, 16).limitWaitTo(java.time.Duration.ofMillis(300))) {
            CompletableFuture<String> first = work.submit("slow", () -> pause(500));   // nothing measured yet: taken
            CompletableFuture<String> late = work.submit("late", () -> {
                ran.set(true);
                return "late";
            });
            assertEquals("done", first.get(5, TimeUnit.SECONDS));
            ExecutionException e = assertThrows(ExecutionException.class, () -> late.get(5, TimeUnit.SECONDS));
            assertTrue(e.getCause() instanceof RejectedExecutionException, e.toString());
            assertTrue(!ran.get(), "work whose caller has given up is not done");
        }
    }

    @Test
    void afterOnePieceSlowerThanTheBudgetAnIdlePoolStillTakesTheNextCallSoItsEstimateRecovers() throws Exception {
        try (BlockingWork work = new BlockingWork("test", 1, 16).limitWaitTo(java.time.Duration.ofMillis(200))) {
            // a loaded machine: one hash took twice the budget (FaultSamplerIT saw every login refused from then on)
            work.submit("slow", () -> pause(400)).get(5, TimeUnit.SECONDS);
            for (int i = 0; i < 3; i++) {
                assertEquals("done", work.submit("fast", () -> pause(10)).get(5, TimeUnit.SECONDS),
                        "nothing in flight: taken, not refused; " + work);
            }
        }
    }

    /** Work that lasts {@code millis} (the pool's job, as a hash would; the test itself waits on futures). */
    private static String pause(long millis) {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        for (long left = end - System.nanoTime(); left > 0; left = end - System.nanoTime()) {
            java.util.concurrent.locks.LockSupport.parkNanos(left);
        }
        return "done";
    }

    private static String await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "a";
    }
}
