package io.gochat.connect;

import java.util.concurrent.atomic.AtomicLong;

/** Counters of one connect server; nothing is dropped or refused without being counted here. */
public final class ConnectMetrics {
    public final AtomicLong open = new AtomicLong();
    public final AtomicLong accepted = new AtomicLong();
    public final AtomicLong authenticated = new AtomicLong();
    public final AtomicLong authRefused = new AtomicLong();
    public final AtomicLong authTimeouts = new AtomicLong();
    public final AtomicLong idleTimeouts = new AtomicLong();
    public final AtomicLong badFrames = new AtomicLong();
    public final AtomicLong delivered = new AtomicLong();
    public final AtomicLong droppedSlowReader = new AtomicLong();
    public final AtomicLong closedSlowReader = new AtomicLong();
    public final AtomicLong pushedToLogic = new AtomicLong();
    public final AtomicLong logicFailures = new AtomicLong();
    /** Bodies this transport cannot carry (a TCP frame holds at most 32763 bytes of JSON). */
    public final AtomicLong tooLarge = new AtomicLong();

    @Override
    public String toString() {
        return "open=" + open + " accepted=" + accepted + " authenticated=" + authenticated
                + " authRefused=" + authRefused + " authTimeouts=" + authTimeouts + " idleTimeouts=" + idleTimeouts
                + " badFrames=" + badFrames + " delivered=" + delivered + " droppedSlowReader=" + droppedSlowReader
                + " closedSlowReader=" + closedSlowReader + " pushedToLogic=" + pushedToLogic
                + " logicFailures=" + logicFailures + " tooLarge=" + tooLarge;
    }
}
