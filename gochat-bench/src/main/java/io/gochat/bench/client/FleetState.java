package io.gochat.bench.client;

import java.util.concurrent.atomic.LongAdder;

/** Counters shared by every connection of a fleet, and the meter for their data frames. */
public final class FleetState {
    public final LongAdder connected = new LongAdder();
    public final LongAdder joined = new LongAdder();
    public final LongAdder failed = new LongAdder();
    public final LongAdder closed = new LongAdder();
    public final DeliveryMeter meter;

    public FleetState(DeliveryMeter meter) {
        this.meter = meter;
    }

    @Override
    public String toString() {
        return "connected=" + connected.sum() + " joined=" + joined.sum() + " failed=" + failed.sum()
                + " closed=" + closed.sum() + " frames=" + meter.frames();
    }
}
