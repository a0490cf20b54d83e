package io.gochat.bench.report;

import org.HdrHistogram.Histogram;

/** p50/p99/p99.9/max of a latency histogram (µs), as milliseconds in a result. */
public final class Percentiles {
    private Percentiles() {
    }

    public static void put(Result r, String prefix, Histogram h) {
        r.put(prefix + "Samples", h.getTotalCount());
        if (h.getTotalCount() == 0) {
            return;
        }
        r.put(prefix + "P50ms", ms(h.getValueAtPercentile(50)));
        r.put(prefix + "P99ms", ms(h.getValueAtPercentile(99)));
        r.put(prefix + "P999ms", ms(h.getValueAtPercentile(99.9)));
        r.put(prefix + "MaxMs", ms(h.getMaxValue()));
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }
}
