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

    private static String await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "a";
    }
}
