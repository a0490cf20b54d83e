package io.gochat.bench.scenario;

import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/** What a load driver did: messages attempted, accepted, refused, failed, and the reply latencies (µs). */
public final class DriveStats {
    public final LongAdder attempted = new LongAdder();
    public final LongAdder accepted = new LongAdder();
    public final LongAdder refused = new LongAdder();
    public final LongAdder errors = new LongAdder();
    final Recorder replyMicros = new Recorder(60_000_000L, 3);
    public long elapsedNanos;

    public Histogram replyLatencies() {
        return replyMicros.getIntervalHistogram();
    }

    public double seconds() {
        return elapsedNanos / 1e9;
    }
}
