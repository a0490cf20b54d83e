package io.gochat.bench.scenario;

import io.gochat.bench.client.DeliveryMeter;

/** Waits until the receivers have counted {@code target} frames, or until the drain time is over. */
final class DeliveryWait {
    private DeliveryWait() {
    }

    /** Frames counted since {@code base} when the target was reached or the time ran out. */
    static long await(DeliveryMeter meter, long base, long target, long maxMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + maxMillis;
        while (System.currentTimeMillis() < deadline && meter.frames() - base < target) {
            Thread.sleep(5);
        }
        return meter.frames() - base;
    }
}
