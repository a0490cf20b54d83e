package io.gochat.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BackoffAndDedupTest {
    @Test
    void reconnectDelaysDoubleUpToTheCapWithJitterBetweenHalfAndAll() {
        Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2));
        Set<Long> firsts = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            long d0 = b.delayMillis(0);
            assertTrue(d0 >= 50 && d0 <= 100, "first delay " + d0);
            firsts.add(d0);
            long d3 = b.delayMillis(3);
            assertTrue(d3 >= 400 && d3 <= 800, "fourth delay " + d3);
            long late = b.delayMillis(60);
            assertTrue(late >= 1000 && late <= 2000, "capped delay " + late);
        }
        assertTrue(firsts.size() > 10, "delays are jittered, not in step");
    }

    @Test
    void aBackoffWithAZeroOrInvertedRangeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ZERO, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)));
    }

    @Test
    void recentIdsDropRepeatsAndForgetTheOldestBeyondCapacity() {
        RecentIds ids = new RecentIds(3);
        assertTrue(ids.add(1));
        assertFalse(ids.add(1));
        assertTrue(ids.add(2));
        assertTrue(ids.add(3));
        assertTrue(ids.add(4));
        assertEquals(3, ids.size());
        assertTrue(ids.add(1), "the oldest was forgotten");
        assertFalse(ids.add(4));
    }

    @Test
    void framesEscapeTextAndSendIdsAsStrings() throws Exception {
        String frame = Frames.send(2, 12, "say \"hi\"\n");
        var node = Frames.JSON.readTree(frame);
        assertEquals("12", node.get("toUserId").asText());
        assertTrue(node.get("toUserId").isTextual());
        assertEquals("say \"hi\"\n", node.get("msg").asText());
        assertEquals("{\"op\":6,\"authToken\":\"t\",\"roomId\":3,\"acks\":true,\"joined\":true}", Frames.auth(true, "t", 3, true));
        assertEquals("{\"authToken\":\"t\",\"roomId\":0,\"joined\":true}", Frames.auth(false, "t", 0, false));
    }
}
