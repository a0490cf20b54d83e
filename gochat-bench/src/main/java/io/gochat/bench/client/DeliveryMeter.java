package io.gochat.bench.client;

import io.netty.buffer.ByteBuf;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Counts the data frames every client receives and, for one frame in {@code sampleEvery}, reads the send
 * time from the message and records the end-to-end latency (µs). Cheap per frame: one LongAdder increment.
 */
public final class DeliveryMeter {
    private final LongAdder frames = new LongAdder();
    private final AtomicLong sampleTick = new AtomicLong();
    private final int sampleEvery;
    private final Recorder latencyMicros = new Recorder(3_600_000_000L, 3);
    private final Recorder afterLogicMicros = new Recorder(3_600_000_000L, 3);

    public DeliveryMeter(int sampleEvery) {
        this.sampleEvery = Math.max(1, sampleEvery);
    }

    /** One data frame arrived (its payload; not retained). */
    public void onFrame(ByteBuf payload) {
        frames.increment();
        if (sampleEvery == 1 || sampleTick.incrementAndGet() % sampleEvery == 0) {
            long sent = BenchMessage.sentMicros(payload);
            if (sent > 0) {
                long now = BenchMessage.nowMicros();
                latencyMicros.recordValue(Math.max(0, now - sent));
                long accepted = BenchMessage.serverTimeMillis(payload);
                if (accepted > 0) {   // ms resolution: the queue → task → connect → client part
                    afterLogicMicros.recordValue(Math.max(0, now - accepted * 1000));
                }
            }
        }
    }

    public long frames() {
        return frames.sum();
    }

    /** The latencies recorded since the last call (and resets the interval). */
    public Histogram takeLatencies() {
        return latencyMicros.getIntervalHistogram();
    }

    /** From logic's {@code serverTime} (ms) to receipt, since the last call: the delivery part alone. */
    public Histogram takeAfterLogic() {
        return afterLogicMicros.getIntervalHistogram();
    }
}
